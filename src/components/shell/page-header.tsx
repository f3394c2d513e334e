export function PageHeader(props: { title: string; description?: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{props.title}</h1>
        {props.description && <p className="mt-1 text-sm text-muted-foreground">{props.description}</p>}
      </div>
      {props.actions && <div className="flex items-center gap-2">{props.actions}</div>}
    </div>
  );
}

/** A section whose feature has not shipped yet says what will be there, never a blank page. */
export function ComingSoon(props: { icon: React.ReactNode; title: string; children: React.ReactNode }) {
  return (
    <section className="flex flex-col items-center justify-center rounded-lg border border-dashed px-6 py-16 text-center">
      <div className="mb-3 text-muted-foreground">{props.icon}</div>
      <h2 className="text-lg font-medium">{props.title}</h2>
      <div className="mt-2 max-w-prose text-sm text-muted-foreground">{props.children}</div>
    </section>
  );
}
