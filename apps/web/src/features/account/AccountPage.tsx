import { PageHeader } from '../../ui/index.js';
import { ReviewEmailPreference } from '../notifications/ReviewEmailPreference.js';

/** What each signed-in person sets for themselves, whatever their roles. */
export function AccountPage() {
  return (
    <div className="page account">
      <PageHeader title="Your settings" subtitle="Choices that apply to you alone." />
      <ReviewEmailPreference />
    </div>
  );
}
