import {
  CalendarClock,
  Clock,
  GitBranch,
  Library,
  Globe,
  Mail,
  MessageSquare,
  Play,
  Send,
  ShieldCheck,
  Sparkles,
  Square,
  UserCheck,
  Wallet,
  Webhook,
  type LucideIcon,
} from 'lucide-react';

// Only the icons the node catalog names, so the bundle carries a dozen icons, not thousands.
const ICONS: Record<string, LucideIcon> = {
  play: Play,
  webhook: Webhook,
  sparkles: Sparkles,
  'shield-check': ShieldCheck,
  wallet: Wallet,
  'user-check': UserCheck,
  'git-branch': GitBranch,
  send: Send,
  mail: Mail,
  'message-square': MessageSquare,
  globe: Globe,
  library: Library,
  clock: Clock,
  'calendar-clock': CalendarClock,
};

export function NodeIcon({ name, size = 16 }: { name: string; size?: number }) {
  const Icon = ICONS[name] ?? Square;
  return <Icon size={size} aria-hidden="true" strokeWidth={2} />;
}
