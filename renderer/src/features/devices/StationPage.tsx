import { FeaturePlaceholder } from '../placeholder/FeaturePlaceholder';

export function StationPage() {
  return <FeaturePlaceholder feature="devices" />;
}
