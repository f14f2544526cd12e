import { useEffect } from 'preact/hooks';
import { RulesPanel } from './Rules';
import { SegmentsPanel } from './Segments';
import { TriggerFeed } from './TriggerFeed';

/** The marketer's desk: who the segments are, the rules that act on customers, and what fires. */
export function MarketingView() {
  useEffect(() => {
    document.title = 'Marketing · Pulse';
  }, []);
  return (
    <div class="view grid-12 dense">
      <RulesPanel />
      <TriggerFeed />
      <SegmentsPanel />
    </div>
  );
}
