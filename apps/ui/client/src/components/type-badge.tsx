import { typeClass } from '../lib/types';

export function TypeBadge({ name, small }: { name: string; small?: boolean }) {
  return <span className={`type-badge ${typeClass(name)}${small ? ' small' : ''}`}>{name}</span>;
}

export function TypeList({ types }: { types: { name: string }[] }) {
  return (
    <span className="type-list">
      {types.map((t) => (
        <TypeBadge key={t.name} name={t.name} />
      ))}
    </span>
  );
}
