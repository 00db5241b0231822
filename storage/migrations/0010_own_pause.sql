-- A person's own pause (/pauze, "even pauze"): chosen by themselves, unlike status 'paused',
-- which a coordinator sets and which closes the bot to them. While it lasts they get no shift
-- offers, check-ins or announcements except urgent ones, and keep every command. It ends by
-- itself: queries compare own_pause_until with the time (NULL with own_pause_since set: no end
-- date, until they say they are back). The reason is for themselves only.
ALTER TABLE people ADD COLUMN own_pause_since TEXT;
ALTER TABLE people ADD COLUMN own_pause_until TEXT;
ALTER TABLE people ADD COLUMN own_pause_reason TEXT;
-- Audiences (storage/audiences.py) read active or alumni people, often per wijk; people_by_role
-- serves those that name a role.
CREATE INDEX people_by_status_wijk ON people(status, wijk);
