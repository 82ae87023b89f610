import './styles.css';

export { Button, type ButtonProps } from './Button.js';
export { Field, type FieldProps } from './Field.js';
export { Badge, type BadgeTone } from './Badge.js';
export { EmptyState } from './EmptyState.js';
export { Modal, type ModalProps } from './Modal.js';
export { ToastProvider, useToast, type ToastTone } from './Toast.js';
export { Spinner } from './Spinner.js';
export { PageHeader } from './PageHeader.js';
export { formatRelative, formatDuration, shorten } from './format.js';
export { useNow } from './use-now.js';
