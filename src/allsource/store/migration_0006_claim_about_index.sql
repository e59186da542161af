-- The claims about an entity's members (entity profile, dyad view, briefs) without a scan of
-- every claim subject.
CREATE INDEX IF NOT EXISTS claim_about_local_entity ON claim_about(local_entity);
