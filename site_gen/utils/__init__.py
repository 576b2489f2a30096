"""Small helpers that know nothing of sitegen data: the `.sitegen-cache/` store and digests, reuse by identity, forked workers, phase timing."""
