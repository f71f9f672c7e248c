### A figure's history in the TWG workspace: English.
### Every message exists in en, fr and pt-PT with the same $variables.

ws-fig-title = History of a figure
ws-fig-what = { $indicator } · { $country } · { $period } · source { $source }
ws-fig-published = Published value
ws-fig-not-published = Not published yet.
ws-fig-submission = Submission { $id } by { $org } ({ $state })
ws-fig-values = Values in this submission
ws-fig-dims = Disaggregation
ws-fig-value = Value
ws-fig-step = Step
ws-fig-who = By
ws-fig-when = When (UTC)
ws-fig-reason = Reason
ws-fig-created = Created
ws-fig-sent-back = Sent back
ws-fig-none = No submission through the workspace holds this figure.
ws-fig-unreadable = The file of this submission can no longer be read: { $problem }

## Sign-in throttling per client address.
ws-ip-throttled = Too many failed sign-ins from this address: wait ten minutes before trying again.
