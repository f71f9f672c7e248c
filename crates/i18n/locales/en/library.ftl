### The document library, data-collection guides and texts awaiting writing: English.
### Every message exists in en, fr and pt-PT with the same $variables.

library-awaiting-text = [Awaiting text] This section's text has not been written or approved yet in this language.
