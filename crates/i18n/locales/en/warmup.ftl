# The home page while the server, just started, is still building the country profiles.
warmup-pending = Key figures being prepared: reload the page in a moment, or open the profile.
