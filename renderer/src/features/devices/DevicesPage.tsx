import { FeaturePlaceholder } from '../placeholder/FeaturePlaceholder';

export function DevicesPage() {
  return <FeaturePlaceholder feature="devices" />;
}
