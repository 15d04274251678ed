"""Field work: household records, verification, referrals and the worklist."""
