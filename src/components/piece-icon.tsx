import { letterColorOn, tileFor } from "@/pieces/icon-contrast";
import type { Piece } from "@/pieces/types";

interface PieceIconProps {
  piece: Pick<Piece, "displayName" | "icon">;
  /** Pixels. */
  size?: number;
  className?: string;
}

/** Brand glyph on a rounded tile, or a lettered badge when there is no brand icon. */
export function PieceIcon({ piece, size = 32, className }: PieceIconProps) {
  const { icon, displayName } = piece;
  const common = {
    role: "img",
    "aria-label": displayName,
    width: size,
    height: size,
    viewBox: "0 0 24 24",
    className,
  } as const;

  if (icon.svgPath && icon.hex) {
    return (
      <svg {...common}>
        <rect width="24" height="24" rx="5" fill={tileFor(icon.hex)} />
        <path d={icon.svgPath} fill={icon.hex} transform="translate(4 4) scale(0.6667)" />
      </svg>
    );
  }

  const letter = icon.letter.slice(0, 2);
  return (
    <svg {...common}>
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
