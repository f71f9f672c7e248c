# Optional e-mail notifications of what lands in a member's inbox.
mail-mention-subject = { $by } mentioned you ({ $country } profile)
mail-mention-body = { $by } mentioned you in a discussion of the { $country } migration profile:
mail-reply-subject = { $by } replied in a discussion you follow ({ $country } profile)
mail-reply-body = { $by } replied in a discussion of the { $country } migration profile that you took part in:
mail-waiting-subject = Submission { $id } ({ $country }) waits for you
mail-waiting-body = Submission { $id } of { $country } is { $state } and waits for a step you may take.
mail-footer = Sent by mprofile because you are a member of the Technical Working Group. Your inbox in the workspace lists the same.
