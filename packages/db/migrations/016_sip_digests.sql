-- SIP passwords are no longer stored: each account keeps only the digest hash Asterisk checks a
-- phone's response against (MD5 of user:realm:password, RFC 2617's HA1, which every SIP phone
-- speaks), under a realm of its own. A desk phone's password is shown once, when it is set.
ALTER TABLE ps_auths ADD COLUMN realm text;
ALTER TABLE ps_auths ADD COLUMN password_digest text;
ALTER TABLE ps_auths ALTER COLUMN password DROP NOT NULL;
UPDATE ps_auths SET auth_type = 'digest', realm = 'hotline', password_digest = 'MD5:' || md5(username || ':hotline:' || password), password = NULL
  WHERE password IS NOT NULL;
