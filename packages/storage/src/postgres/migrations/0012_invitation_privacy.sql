-- An invitation no longer claims its email across the platform. Login is by email alone, so an
-- email still belongs to one joined account (active or disabled) at most; invited rows are left
-- out of that rule: any organization may invite any address, and an organization never learns
-- from an invitation whether the address has an account elsewhere. Whether it does shows only to
-- the invitee, when accepting (the update to 'active' then collides here, and two acceptances
-- of one email at once cannot both win).
drop index agents_email_key;
create unique index agents_joined_email_key on agents (lower(email)) where status <> 'invited';
-- Within one organization an email is one agent, invited or joined: the organization's own data.
create unique index agents_organization_email_key on agents (organization_id, lower(email));
