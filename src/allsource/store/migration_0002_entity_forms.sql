-- Per-entity weights of every alias, name, type and subtype its members carry, so adding one
-- member updates an entity in time proportional to that member, not to all of them.
CREATE TABLE IF NOT EXISTS entity_forms (
    entity TEXT NOT NULL REFERENCES entities(id),
    kind TEXT NOT NULL CHECK (kind IN ('alias', 'name', 'type', 'subtype')),
    value TEXT NOT NULL,
    weight INTEGER NOT NULL,
    PRIMARY KEY (entity, kind, value)
);
CREATE INDEX IF NOT EXISTS local_entities_entity_doc ON local_entities(entity, doc);
INSERT OR IGNORE INTO entity_forms
    SELECT l.entity, 'alias', j.value, sum(l.mention_count) FROM local_entities l, json_each(l.aliases) j
    WHERE l.entity IS NOT NULL GROUP BY l.entity, j.value;
INSERT OR IGNORE INTO entity_forms
    SELECT entity, 'name', name, sum(mention_count) FROM local_entities WHERE entity IS NOT NULL GROUP BY entity, name;
INSERT OR IGNORE INTO entity_forms
    SELECT entity, 'type', type, sum(mention_count) FROM local_entities WHERE entity IS NOT NULL GROUP BY entity, type;
INSERT OR IGNORE INTO entity_forms
    SELECT entity, 'subtype', subtype, sum(mention_count) FROM local_entities
    WHERE entity IS NOT NULL AND subtype != '' GROUP BY entity, subtype;
