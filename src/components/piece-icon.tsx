import { brandIconUrl } from "@/pieces/brand-icon-svg";
import { letterColorOn } from "@/pieces/icon-contrast";
import type { PieceIcon as PieceIconData } from "@/pieces/types";

interface PieceIconProps {
  piece: { displayName: string; icon: PieceIconData };
  /** Pixels. */
  size?: number;
  className?: string;
}

/** Brand glyph on a rounded tile (a static SVG file), or a lettered badge when there is no brand icon. */
export function PieceIcon({ piece, size = 32, className }: PieceIconProps) {
  const { icon, displayName } = piece;
  if (icon.slug) {
    // eslint-disable-next-line @next/next/no-img-element -- a 24×24 SVG gains nothing from next/image's optimiser
    return <img src={brandIconUrl(icon.slug)} alt={displayName} width={size} height={size} className={className} decoding="async" />;
  }

  const letter = icon.letter.slice(0, 2);
  return (
    <svg role="img" aria-label={displayName} width={size} height={size} viewBox="0 0 24 24" className={className}>
      <rect width="24" height="24" rx="5" fill={icon.color} />
      <text
        x="12"
        y="12"
        dominantBaseline="central"
        textAnchor="middle"
        fontFamily="system-ui, sans-serif"
        fontWeight="600"
        fontSize={letter.length > 1 ? 10 : 13}
        fill={letterColorOn(icon.color)}
      >
        {letter}
      </text>
    </svg>
  );
}
