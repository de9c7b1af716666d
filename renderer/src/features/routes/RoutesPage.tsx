import { FeaturePlaceholder } from '../placeholder/FeaturePlaceholder';

export function RoutesPage() {
  return <FeaturePlaceholder feature="routes" />;
}
