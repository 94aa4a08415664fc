import { el, replace, when } from './dom.js';
import { json, sessionUrl } from './api.js';

// A session's review: its state, who decided and why, and for a key that may decide (a reviewer
// or an admin, never the session's own requester) the approve and reject buttons with a reason.

function facts(review) {
  const pairs = [
    ['review', review.status.toLowerCase()],
    ['reviewed by', review.reviewed_by],
    ['reviewed', when(review.review_date)],
    ['reason', review.rejection_reason],
  ].filter(([, value]) => value);
  return el('dl', { class: 'facts' }, ...pairs.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]));
}

/** The review panel; onDecided() runs after an approval or rejection the API accepted. */
export function reviewPanel(session, me, onDecided) {
  const panel = el('section', { class: 'review', 'aria-label': 'Review' }, el('h2', {}, 'Review'), facts(session.review));
  const mayDecide = me.canReview && session.review.status === 'PENDING' && session.status === 'open'
    && (session.user !== me.name || me.anonymous);
  if (!mayDecide) {
    return panel;
  }

  const reason = el('textarea', { id: 'review-reason', rows: '2' });
  const approve = el('button', { type: 'button', class: 'approve' }, 'Approve');
  const reject = el('button', { type: 'button', class: 'reject' }, 'Reject');
  const notice = el('p', { class: 'muted', 'aria-live': 'polite' });
  const decide = async (status) => {
    approve.disabled = reject.disabled = true;
    const body = { status };
    if (reason.value.trim()) body.rejection_reason = reason.value.trim();
    try {
      await json(sessionUrl(session.id, '/review'), {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      replace(notice, status === 'APPROVED' ? 'Approved.' : 'Rejected.');
      onDecided();
    } catch (error) {
      replace(notice, el('span', { class: 'error', role: 'alert' }, error.message));
      approve.disabled = reject.disabled = false;
    }
  };
  approve.addEventListener('click', () => decide('APPROVED'));
  reject.addEventListener('click', () => decide('REJECTED'));
  panel.append(
    el('label', { for: 'review-reason' }, 'Reason'), reason,
    el('div', { class: 'actions' }, approve, reject), notice);
  return panel;
}
