import { Component, type ReactNode } from 'react';
import { Notice } from './Notice';

/** A scene that throws while rendering shows what went wrong; the rest of the page keeps working. */
export class ErrorBoundary extends Component<{ children: ReactNode; label: string }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error) {
      return (
        <Notice tone="error">
          <p className="font-semibold">{this.props.label} stopped with an error.</p>
          <p className="mt-1 font-mono text-xs">{this.state.error.message}</p>
          <button
            type="button"
            className="mt-2 rounded border border-current px-2 py-1 text-xs"
            onClick={() => this.setState({ error: null })}
          >
            Try again
          </button>
        </Notice>
      );
    }
    return this.props.children;
  }
}
