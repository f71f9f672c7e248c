### Members' drafts (`mprofile build --draft`): English.
### Every message exists in en, fr and pt-PT with the same $variables.

draft-mark = DRAFT
draft-note = Members' draft, not for circulation: it includes figures of submissions not yet published ({ $list }).
draft-note-none = Members' draft, not for circulation: no submission is waiting for publication, the figures are the published ones.
draft-submission = no. { $id } by { $org }, { $state }
