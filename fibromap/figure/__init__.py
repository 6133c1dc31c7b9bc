"""The body figure as a drawing: regions, intensity labels, referral arrows, colour scales
and region names. Qt painting with no widgets and no store, shared by ui/ and report/."""
