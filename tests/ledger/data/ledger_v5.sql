-- A ledger as claimledger wrote it at schema 5 (the DDL of schema.py at that version),
-- holding two of the invented example reports (src/claimledger/data/examples) as
-- ingested then: `tests/ledger/test_migrations.py` checks that schema 6 keeps it all.
CREATE TABLE IF NOT EXISTS documents (
    id               TEXT PRIMARY KEY,
    url              TEXT,
    canonical_url    TEXT,
    title            TEXT,
    outlet           TEXT,
    published        TEXT,
    text             TEXT NOT NULL,
    text_hash        TEXT NOT NULL UNIQUE,
    first_seen       TEXT NOT NULL,
    copy_of          TEXT REFERENCES documents(id) ON DELETE SET NULL,
    copy_similarity  REAL,
    pipeline_version TEXT NOT NULL,
    extraction_json  TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS documents_canonical_url
    ON documents(canonical_url) WHERE canonical_url IS NOT NULL;
CREATE INDEX IF NOT EXISTS documents_copy_of ON documents(copy_of);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published);
CREATE INDEX IF NOT EXISTS documents_outlet ON documents(outlet);

CREATE TABLE IF NOT EXISTS sources (
    id            TEXT PRIMARY KEY,
    document_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    title         TEXT,
    affiliation   TEXT,
    mentions_json TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS sources_document ON sources(document_id);

CREATE TABLE IF NOT EXISTS claims (
    id                    TEXT PRIMARY KEY,
    document_id           TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind                  TEXT NOT NULL,
    source_id             TEXT REFERENCES sources(id) ON DELETE SET NULL,
    content_text          TEXT NOT NULL,
    content_start         INTEGER NOT NULL,
    content_end           INTEGER NOT NULL,
    cue_text              TEXT,
    cue_start             INTEGER,
    cue_end               INTEGER,
    source_mention_text   TEXT,
    source_mention_start  INTEGER,
    source_mention_end    INTEGER,
    stated_on             TEXT,
    stated_on_precision   TEXT,
    verification_status   TEXT,
    verification_evidence TEXT,
    verification_evidence_start INTEGER,
    verification_evidence_end   INTEGER,
    hedges_json           TEXT NOT NULL DEFAULT '[]',
    insertions_json       TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS claims_document ON claims(document_id);
CREATE INDEX IF NOT EXISTS claims_source ON claims(source_id);

CREATE TABLE IF NOT EXISTS figures (
    id               TEXT PRIMARY KEY,
    document_id      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    claim_id         TEXT REFERENCES claims(id) ON DELETE SET NULL,
    span_text        TEXT NOT NULL,
    span_start       INTEGER NOT NULL,
    span_end         INTEGER NOT NULL,
    value            REAL,
    low              REAL,
    high             REAL,
    qualifier        TEXT NOT NULL,
    unit             TEXT,
    event            TEXT,
    predicate        TEXT,
    location         TEXT,
    as_of            TEXT,
    as_of_precision  TEXT,
    period_start     TEXT,
    cumulative       INTEGER
);
CREATE TABLE IF NOT EXISTS copy_links (
    document_id   TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    original_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    containment   REAL NOT NULL,
    passages_json TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS copy_links_original ON copy_links(original_id);

CREATE INDEX IF NOT EXISTS figures_document ON figures(document_id);
CREATE INDEX IF NOT EXISTS figures_claim ON figures(claim_id);
CREATE INDEX IF NOT EXISTS figures_event_location ON figures(event, location);

CREATE TABLE IF NOT EXISTS times (
    id           TEXT PRIMARY KEY,
    document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    span_text    TEXT NOT NULL,
    span_start   INTEGER NOT NULL,
    span_end     INTEGER NOT NULL,
    type         TEXT NOT NULL,
    value        TEXT,
    mod          TEXT
);
CREATE INDEX IF NOT EXISTS times_document ON times(document_id);

CREATE TABLE IF NOT EXISTS reviews (
    id           INTEGER PRIMARY KEY,
    target_type  TEXT NOT NULL CHECK (target_type IN ('claim', 'figure', 'source')),
    target_id    TEXT NOT NULL,
    verdict      TEXT NOT NULL CHECK (verdict IN ('confirm', 'reject', 'correct')),
    changes_json TEXT,
    note         TEXT,
    reviewer     TEXT,
    created_at   TEXT NOT NULL,
    undone_at    TEXT
);
CREATE INDEX IF NOT EXISTS reviews_target ON reviews(target_type, target_id);

CREATE TABLE IF NOT EXISTS runs (
    id               INTEGER PRIMARY KEY,
    started          TEXT NOT NULL,
    finished         TEXT,
    pipeline_version TEXT NOT NULL,
    command          TEXT NOT NULL DEFAULT 'ingest',
    sources_json     TEXT NOT NULL DEFAULT '[]',
    workers          INTEGER NOT NULL DEFAULT 1,
    documents_new    INTEGER NOT NULL DEFAULT 0,
    documents_known  INTEGER NOT NULL DEFAULT 0,
    copies           INTEGER NOT NULL DEFAULT 0,
    failed           INTEGER NOT NULL DEFAULT 0,
    claims           INTEGER NOT NULL DEFAULT 0,
    figures          INTEGER NOT NULL DEFAULT 0,
    status           TEXT NOT NULL DEFAULT 'running',
    pid              INTEGER,
    host             TEXT
);

CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts USING fts5(
    content_text, content='claims', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts(rowid, content_text) VALUES (new.rowid, new.content_text);
END;
CREATE TRIGGER IF NOT EXISTS claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, content_text)
        VALUES ('delete', old.rowid, old.content_text);
END;
CREATE TRIGGER IF NOT EXISTS claims_fts_update AFTER UPDATE OF content_text ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, content_text)
        VALUES ('delete', old.rowid, old.content_text);
    INSERT INTO claims_fts(rowid, content_text) VALUES (new.rowid, new.content_text);
END;

CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER IF NOT EXISTS documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

INSERT INTO "documents" VALUES('doc-58d3e379fa6fdaa2','https://northbridge-wire.example/2024/09/18/halvek-market-shelling','https://northbridge-wire.example/2024/09/18/halvek-market-shelling','Shelling of Halvek market kills at least 40, Drevnia says','Northbridge Wire','2024-09-18','Shelling of Halvek market kills at least 40, Drevnia says

At least 40 people were killed in Halvek on Tuesday when shells struck the town''s covered market, Drevnia''s health ministry said.

The market was crowded with shoppers at midday, when several rounds landed within minutes of each other, witnesses said. Halvek, a border town a short drive from the frontline with Morvania, has been shelled repeatedly since the spring.

"We have counted 40 dead in Halvek so far, among them nine children, and the number may still rise," Drevnia''s health ministry spokeswoman Irena Kovel told reporters in the regional capital.

According to Tomas Brenner, the regional governor, more than 70 people were wounded and many were taken to hospitals outside the town.

Morvania''s military, which has reportedly moved heavy guns closer to the border, said fewer than a dozen people had died in Halvek, most of them soldiers. It said its artillery had struck a fuel depot used by Drevnian troops on the edge of the town.

The figures could not be independently verified. Aid workers said rescue teams were still searching the ruins of the market''s east hall late on Tuesday.

The strike was the deadliest in the region since a ceasefire collapsed in March. Drevnia''s foreign minister called on the United Nations to send observers to the town.
','929b27ee6b82212cc803f8b2f8935082c1de2a859b9d86511c072551f69900d2','2026-12-02T15:40:50+00:00',NULL,NULL,'0.1.0',X'789CCD975B8BE3361480FF8AF14B5F321D4BB22D7BDEA6B4D0A1ECB6B4292D9421686D3911E35859494E76BAE4BFAF145FA4388E270943E94B08927CCEF9CE4D475FFD9C67F59A56CA7FF8EAB3DC7F300B775192238A705A90B8C80981FECCAF45A937574A6DE4C3FD7DC5855A7D122C5FD2BB1D13F47BFA85AC3725BD87010CEF83F41E24F72B526EE9CBDD9A8817AAEEE48A9625AB965A9462AAA45AD81FED92C70BEFE7C361AF39ECBDB0B2941E515E4989545E18CCBC1F05DD568C7892BC4A2D83D75A8636DAFF682DF1FED296E8BD4DFDA9645A9FA131F6DC05E91D48FCFDCC97BC161995FEC33F2DAC04FA7C45D6C69C56835E786195D9E462492AF62F518C577AD57849FF6BBE968A08AD3E8C663E358723B87FDECF3AA9F044EA77D25B5152AA95B76615934ABC5A3D4BBEA5A23A0461E693A260256B74BA368D6907116ED583E4483FB2FA774C55544A2A1D7D82D79B332261DA11A12074458656E493A015F17ED1569756E8860A79705317DDB3E09EDCF0172A777C4DAA2B81239876FEC6896B5D64AD9B6BB9D2FB41DB585131619FA04B2D9E945EE37E2ECEE88C116A75C671EAEA8CADCE0F5C6C4903BBD630FA4327BCCECA316BF7D519C5388A5BC51847466DBB9E02D0AEA700B906616BD023CBBD1DD7B5249CB8574B7E2E91825E170862EC0A4DC652B9E082B265D58674D2CD931F5D95EC30849D8D3036D17F9EF95949D8DAA9E70C5853F4AFEE079929AA8C57AAED71ADB4A01515A2BE2D2C6C4768175A339CCFDC7AD7626BEAEC45A8CF4D23531145F345F375AEFF1F3723DDA5B46D4C36E4397935EDA960CB5A183B0C915F00DFC621831782455D8580281AA2C129B4E36632840309EA77DF090FBA78E8423C90769183E949E8D014DF71671BF2A1C0EEA637F15996D0B234248BCF3557749427B41D0DC6439E708AE7B8179E2423EE7713F43EF132DE2D42376891052559C645AE2FF385E2A3A031EEBA168E4E02174D811E37E021680CBB8488117C1FD0C8658C2F4C4C8CBBF249D0A0F0AABA2C8766E3A43B8ED3DBEAC99A882F3431E91B68DAE4B81B82782A0483AB68C092A01E3D043786404F6B4B7A7CFD1D79E8F9244AB11BA5E44217A4A06F8FC1A10B5CEE83E36B77E8831484FD6E72A30FF418C20A961147B1AA35AC5F57CD969E68B5922DCB69951D35E7C0C18AC2BD931BE9A57D35C07D83075132F40C9EBC3906D3C3C9DD11C449BF8F6F2B524B04824B9160DF0301827888944C220D868D132418F7B221BE2DE036A79D01A630E3C761AA59D881466E886B1C82EEF0B225A5314DBF91FC92EF9A3F2BB65C757DE7734D4A933BC27469B538BCA8CC7BAE62EA30AF71FD6C3BA4D5C17BBE797A1DF24CDB9B9B64A4EDA21924895CF0E28A8CD64FCBBAD4F9BCD58795A8691FC5020E30E129663FC9E0E03FC2DC5141BD7EA7E45D29FACDEB74CA0178C4017A08A65F8CB2794DE59B1E41038F84A71E09FBF1330CF1A44FCC3FD723FA799E5DED8E9C92ABFD707522841760277DC227B1C54E5BEAB4834E2799B3152B73FD2AFC5F504703EAE894DA0E4C71E2D439EE828D270A60AD9F5A0BB53ABCAFCF857CC7EB2A1F2F01BBF57EC4F180189F12DBF924899D9207B0256E381B66B3E8129754CAB78847C3BD22B997B3EB0BFE52073C9BA7F0DA6DF16AA4A583C0DEBE065DBD6E0E8FE7C7F94F7EEF08B7DBF48E55239D13A2FE9184622B6DFEF461545A3207F021081C99684426EE82A3AF55C7C23F7F7F9C3FFDFAD191FBDBFCEF0F8EAC9182D61306381E36AEE01D29150051D4DFC6E15BFE43FEFE79FF0DA2C886A1');
INSERT INTO "documents" VALUES('doc-b4bca58251940c5a','https://riverside-courier.example/world/dozens-dead-halvek-market','https://riverside-courier.example/world/dozens-dead-halvek-market','Dozens dead after shells hit crowded market in Halvek','The Riverside Courier','2024-09-18','Shells hit crowded Halvek market as Drevnia and Morvania trade blame

At least 40 people were killed in Halvek on Tuesday when shells struck the town''s covered market, Drevnia''s health ministry said.

The market was crowded with shoppers at midday, when several rounds landed within minutes of each other, witnesses said. Halvek, a border town a short drive from the frontline with Morvania, has been shelled repeatedly since the spring.

"We have counted 40 dead in Halvek so far, among them nine children, and the number may still rise," Drevnia''s health ministry spokeswoman Irena Kovel told reporters in the regional capital.

According to Tomas Brenner, the regional governor, more than 70 people were wounded and many were taken to hospitals outside the town.

Morvania''s military, which has reportedly moved heavy guns closer to the border, said fewer than a dozen people had died in Halvek, most of them soldiers. It said its artillery had struck a fuel depot used by Drevnian troops on the edge of the town.

The figures could not be independently verified. Aid workers said rescue teams were still searching the ruins of the market''s east hall late on Tuesday.

The strike was the deadliest in the region since a ceasefire collapsed in March. Drevnia''s foreign minister called on the United Nations to send observers to the town.

This story was provided by Northbridge Wire.
','94d01acb8e42b9d57d7a14cb033fc04584d49cf978e63c04f2635815b9117f11','2026-12-02T15:40:50+00:00',NULL,NULL,'0.1.0',X'789CCD974B6FE3361080FF8AA04B2F7623519444E5963E800645DA62E102058AC06024DA26424B5E8AB2375DE4BFEF502F52B2ECB58D1C7A310C919C996F9EE457372BD26ACB72E5DE7F7579E6DEEB0FF317FC92D290A0D04FB09786D49DB99514B0B8516A57DEDFDD49BE67B2E4199BA7452539933FB22F74BB13ECEE504891DD65C57F2C2FE719A3D97C43C59EBDCEB754BE32059214578281AC5FEA3D8EDEE3D09562D229374C88D2D970E5A4B238642C739A530ECF9DDF6A3170BEA8E03CD8EB2E36CCF9D419E2FCDC18021B76D58BE0204BD3200FE1B997CC7DE2BECFDC12F6A4AC74EFFF6D614B1FF6E7745BDB23D93EE7F407308051A136CE96E7BC54F20DB6BCF25C6F5F17A02DAFDD3573E96AC505A78A17B9390DDFF5327C6BB4948A4AB0D58FC8CC655A869F04EFCFEFB34E3F32FA0F5CE5AC2CC13CA34F16D5EE84C8C08B5A91811FDA220323F251B29C3ABF83D5C208DD81C3C0642B10A7C09D7257BCB2F2506C697E257088BDD6BA9024B675D858B700B9A5F313D898D7713B659F646B104F85D3B8BF9027744618B73A23E2D93A43A3F3A9907BDAC06E01060E5AE1B5BE0C59BB532714C751DC2A8E49A4D5B6DF1384DAEF09C2B6419131E881670ED4CC2B401B43F275712A91BC5E97EFC5C4161A4FA5F2AA908CAFF336A467DD7CF6D055C98EC2A0B311C53AFACF333715946FADCA4B7D630AFC72C9525D546991ABB61B75CEED12C98FA2BE8497A67ADB0FAD21D6C161CD81E88AD9AB09EE578996ABA862D9B29190C1FF61F380AE0216F2B2E1CFE89B6E272BBEAEA4B64573B92BDF35D148D18578C8F3BB32F6F0980F9DE31B3680315FE0F7ABC8BB89CFB00486A521597EAE0A9030C5834DE107F1982738C7336C19639E30E95713FC31F1D2DE5D0576D0B001A5695AC88CE7EBA52A264123D215771C1D050E9F031DF6A9316814740911E1E06340B1CD185E5A77A42B1F8247859757428CCD8E937EBB775B3D1913A30B4D247D9F499A1CB743109E0BC1A8638F5808EE5942746308E0FAB166C32931F0D0F35194423B4AF1852E4882BE3D7A7517B8DC07C3E934F64182C27E35B9D10730ADF98AA7D452AC2A8075ABBC59822B1A28D9C3F52D4F07CDD9B3B0A2F0DDCA0D72A1637C8FF40DDE8F92B167A2B3936334648F66871727FD3AB9AD480D51722911EA5BA01F04644C149F251A8DE42322447AD988DC166F93D2D6985FE9115DCFFEA519FBE58E0E8AB1534D7C9D345468D3F43010C5A1F9B3E1EB4DD7763E5754E8D491BA49ABA560B4D4FEAA72AEEA5B4D01AF903AAB6AEF816785A8D30CECCD742ED6576D2699D3AF88A24B51B77F64D07259ACA6D0E30974B843B12FF58BA462659BFBF0AAAA0488DDC369252BD6C7BB1E3BB64782638FE0B01BDE3824677DA2FFD91E8167587AB53BF413EC5A3F9C28F9D3D8C105D84997A438890D76D252271D74729639DD7091C1A3E27F418D47D4F898DA5C24A2FA66D352C75DB0E33305B0859BFA526DEAE7D9A9901F8A2ACFA64BC02C7D1C7138228E8E89CDDC26B155F23E6A891BCE86597FB489053C91BF473C19EE0DCD9C8C5F5FF0973AE059BFA4B676EF5313BDCEF7FBA98434BA7ADBD56FAF87C5AF6EEF08BBDBF48E55E8581AC2DD5D11E1D8485B3C3E4D4A230B1FDD7B9E2573A20811E98203F3C6B2F0EF4F0F8BC73FFFB0E4FEB5F8E7C9923591DA3079D170085FC11B4EC84338EADD177ECF7F810B4FCF6F292CE13B');
INSERT INTO "sources" VALUES('doc-58d3e379fa6fdaa2:s1','doc-58d3e379fa6fdaa2','Drevnia','organization',NULL,NULL,'[["Drevnia",45,52]]');
INSERT INTO "sources" VALUES('doc-58d3e379fa6fdaa2:s2','doc-58d3e379fa6fdaa2','Drevnia''s health ministry','government',NULL,'Drevnia','[["Drevnia''s health ministry",157,182]]');
INSERT INTO "sources" VALUES('doc-58d3e379fa6fdaa2:s3','doc-58d3e379fa6fdaa2','witnesses','group',NULL,NULL,'[["witnesses",295,304]]');
INSERT INTO "sources" VALUES('doc-58d3e379fa6fdaa2:s4','doc-58d3e379fa6fdaa2','Irena Kovel','person','Drevnia''s health ministry spokeswoman','Drevnia','[["Drevnia''s health ministry spokeswoman Irena Kovel",529,578]]');
INSERT INTO "sources" VALUES('doc-58d3e379fa6fdaa2:s5','doc-58d3e379fa6fdaa2','Tomas Brenner','person','regional governor',NULL,'[["Tomas Brenner, the regional governor",633,669]]');
INSERT INTO "sources" VALUES('doc-58d3e379fa6fdaa2:s6','doc-58d3e379fa6fdaa2','Morvania''s military','military',NULL,'Morvania','[["Morvania''s military",756,775],["It",911,913]]');
INSERT INTO "sources" VALUES('doc-58d3e379fa6fdaa2:s7','doc-58d3e379fa6fdaa2','Aid workers','ngo',NULL,NULL,'[["Aid workers",1056,1067]]');
INSERT INTO "sources" VALUES('doc-58d3e379fa6fdaa2:s8','doc-58d3e379fa6fdaa2','Drevnia''s foreign minister','person','Drevnia''s foreign minister','Drevnia','[["Drevnia''s foreign minister",1242,1268]]');
INSERT INTO "sources" VALUES('doc-b4bca58251940c5a:s1','doc-b4bca58251940c5a','Drevnia''s health ministry','government',NULL,'Drevnia','[["Drevnia''s health ministry",168,193]]');
INSERT INTO "sources" VALUES('doc-b4bca58251940c5a:s2','doc-b4bca58251940c5a','witnesses','group',NULL,NULL,'[["witnesses",306,315]]');
INSERT INTO "sources" VALUES('doc-b4bca58251940c5a:s3','doc-b4bca58251940c5a','Irena Kovel','person','Drevnia''s health ministry spokeswoman','Drevnia','[["Drevnia''s health ministry spokeswoman Irena Kovel",540,589]]');
INSERT INTO "sources" VALUES('doc-b4bca58251940c5a:s4','doc-b4bca58251940c5a','Tomas Brenner','person','regional governor',NULL,'[["Tomas Brenner, the regional governor",644,680]]');
INSERT INTO "sources" VALUES('doc-b4bca58251940c5a:s5','doc-b4bca58251940c5a','Morvania''s military','military',NULL,'Morvania','[["Morvania''s military",767,786],["It",922,924]]');
INSERT INTO "sources" VALUES('doc-b4bca58251940c5a:s6','doc-b4bca58251940c5a','Aid workers','ngo',NULL,NULL,'[["Aid workers",1067,1078]]');
INSERT INTO "sources" VALUES('doc-b4bca58251940c5a:s7','doc-b4bca58251940c5a','Drevnia''s foreign minister','person','Drevnia''s foreign minister','Drevnia','[["Drevnia''s foreign minister",1253,1279]]');
INSERT INTO "claims" VALUES('doc-58d3e379fa6fdaa2:c1','doc-58d3e379fa6fdaa2','indirect','doc-58d3e379fa6fdaa2:s1','Shelling of Halvek market kills at least 40',0,43,'says',53,57,'Drevnia',45,52,'2024-09-18','day',NULL,NULL,NULL,NULL,'[]','[]');
INSERT INTO "claims" VALUES('doc-58d3e379fa6fdaa2:c2','doc-58d3e379fa6fdaa2','indirect','doc-58d3e379fa6fdaa2:s2','At least 40 people were killed in Halvek on Tuesday when shells struck the town''s covered market',59,155,'said',183,187,'Drevnia''s health ministry',157,182,'2024-09-18','day',NULL,NULL,NULL,NULL,'[]','[]');
INSERT INTO "claims" VALUES('doc-58d3e379fa6fdaa2:c3','doc-58d3e379fa6fdaa2','indirect','doc-58d3e379fa6fdaa2:s3','The market was crowded with shoppers at midday, when several rounds landed within minutes of each other',190,293,'said',305,309,'witnesses',295,304,'2024-09-18','day',NULL,NULL,NULL,NULL,'[]','[]');
INSERT INTO "claims" VALUES('doc-58d3e379fa6fdaa2:c4','doc-58d3e379fa6fdaa2','direct_quote','doc-58d3e379fa6fdaa2:s4','We have counted 40 dead in Halvek so far, among them nine children, and the number may still rise',429,526,'told',579,583,'Drevnia''s health ministry spokeswoman Irena Kovel',529,578,'2024-09-18','day',NULL,NULL,NULL,NULL,'[]','[]');
INSERT INTO "claims" VALUES('doc-58d3e379fa6fdaa2:c5','doc-58d3e379fa6fdaa2','according_to','doc-58d3e379fa6fdaa2:s5','more than 70 people were wounded and many were taken to hospitals outside the town',671,753,'According to',620,632,'Tomas Brenner, the regional governor',633,669,'2024-09-18','day',NULL,NULL,NULL,NULL,'[]','[]');
INSERT INTO "claims" VALUES('doc-58d3e379fa6fdaa2:c6','doc-58d3e379fa6fdaa2','indirect',NULL,'which has reportedly moved heavy guns closer to the border',777,835,'reportedly',787,797,NULL,NULL,NULL,'2024-09-18','day',NULL,NULL,NULL,NULL,'[]','[]');
INSERT INTO "claims" VALUES('doc-58d3e379fa6fdaa2:c7','doc-58d3e379fa6fdaa2','indirect','doc-58d3e379fa6fdaa2:s6','fewer than a dozen people had died in Halvek, most of them soldiers',842,909,'said',837,841,'Morvania''s military',756,775,'2024-09-18','day',NULL,NULL,NULL,NULL,'[["reportedly",787,797]]','[]');
INSERT INTO "claims" VALUES('doc-58d3e379fa6fdaa2:c8','doc-58d3e379fa6fdaa2','indirect','doc-58d3e379fa6fdaa2:s6','its artillery had struck a fuel depot used by Drevnian troops on the edge of the town',919,1004,'said',914,918,'It',911,913,'2024-09-18','day','unverified','could not be independently verified',1019,1054,'[]','[]');
INSERT INTO "claims" VALUES('doc-58d3e379fa6fdaa2:c9','doc-58d3e379fa6fdaa2','indirect','doc-58d3e379fa6fdaa2:s7','rescue teams were still searching the ruins of the market''s east hall late on Tuesday',1073,1158,'said',1068,1072,'Aid workers',1056,1067,'2024-09-18','day',NULL,NULL,NULL,NULL,'[]','[]');
INSERT INTO "claims" VALUES('doc-58d3e379fa6fdaa2:c10','doc-58d3e379fa6fdaa2','indirect','doc-58d3e379fa6fdaa2:s8','the United Nations to send observers to the town',1279,1327,'called on',1269,1278,'Drevnia''s foreign minister',1242,1268,'2024-09-18','day',NULL,NULL,NULL,NULL,'[]','[]');
INSERT INTO "claims" VALUES('doc-b4bca58251940c5a:c1','doc-b4bca58251940c5a','indirect','doc-b4bca58251940c5a:s1','At least 40 people were killed in Halvek on Tuesday when shells struck the town''s covered market',70,166,'said',194,198,'Drevnia''s health ministry',168,193,'2024-09-18','day',NULL,NULL,NULL,NULL,'[]','[]');
INSERT INTO "claims" VALUES('doc-b4bca58251940c5a:c2','doc-b4bca58251940c5a','indirect','doc-b4bca58251940c5a:s2','The market was crowded with shoppers at midday, when several rounds landed within minutes of each other',201,304,'said',316,320,'witnesses',306,315,'2024-09-18','day',NULL,NULL,NULL,NULL,'[]','[]');
INSERT INTO "claims" VALUES('doc-b4bca58251940c5a:c3','doc-b4bca58251940c5a','direct_quote','doc-b4bca58251940c5a:s3','We have counted 40 dead in Halvek so far, among them nine children, and the number may still rise',440,537,'told',590,594,'Drevnia''s health ministry spokeswoman Irena Kovel',540,589,'2024-09-18','day',NULL,NULL,NULL,NULL,'[]','[]');
INSERT INTO "claims" VALUES('doc-b4bca58251940c5a:c4','doc-b4bca58251940c5a','according_to','doc-b4bca58251940c5a:s4','more than 70 people were wounded and many were taken to hospitals outside the town',682,764,'According to',631,643,'Tomas Brenner, the regional governor',644,680,'2024-09-18','day',NULL,NULL,NULL,NULL,'[]','[]');
INSERT INTO "claims" VALUES('doc-b4bca58251940c5a:c5','doc-b4bca58251940c5a','indirect',NULL,'which has reportedly moved heavy guns closer to the border',788,846,'reportedly',798,808,NULL,NULL,NULL,'2024-09-18','day',NULL,NULL,NULL,NULL,'[]','[]');
INSERT INTO "claims" VALUES('doc-b4bca58251940c5a:c6','doc-b4bca58251940c5a','indirect','doc-b4bca58251940c5a:s5','fewer than a dozen people had died in Halvek, most of them soldiers',853,920,'said',848,852,'Morvania''s military',767,786,'2024-09-18','day',NULL,NULL,NULL,NULL,'[["reportedly",798,808]]','[]');
INSERT INTO "claims" VALUES('doc-b4bca58251940c5a:c7','doc-b4bca58251940c5a','indirect','doc-b4bca58251940c5a:s5','its artillery had struck a fuel depot used by Drevnian troops on the edge of the town',930,1015,'said',925,929,'It',922,924,'2024-09-18','day','unverified','could not be independently verified',1030,1065,'[]','[]');
INSERT INTO "claims" VALUES('doc-b4bca58251940c5a:c8','doc-b4bca58251940c5a','indirect','doc-b4bca58251940c5a:s6','rescue teams were still searching the ruins of the market''s east hall late on Tuesday',1084,1169,'said',1079,1083,'Aid workers',1067,1078,'2024-09-18','day',NULL,NULL,NULL,NULL,'[]','[]');
INSERT INTO "claims" VALUES('doc-b4bca58251940c5a:c9','doc-b4bca58251940c5a','indirect','doc-b4bca58251940c5a:s7','the United Nations to send observers to the town',1290,1338,'called on',1280,1289,'Drevnia''s foreign minister',1253,1279,'2024-09-18','day',NULL,NULL,NULL,NULL,'[]','[]');
INSERT INTO "figures" VALUES('doc-58d3e379fa6fdaa2:f1','doc-58d3e379fa6fdaa2','doc-58d3e379fa6fdaa2:c1','at least 40',32,43,40.0,40.0,NULL,'at_least','people','killed','kills',NULL,'2024-09-18','day',NULL,1);
INSERT INTO "figures" VALUES('doc-58d3e379fa6fdaa2:f2','doc-58d3e379fa6fdaa2','doc-58d3e379fa6fdaa2:c2','At least 40',59,70,40.0,40.0,NULL,'at_least','people','killed','were killed','Halvek','2024-09-17','day',NULL,1);
INSERT INTO "figures" VALUES('doc-58d3e379fa6fdaa2:f3','doc-58d3e379fa6fdaa2','doc-58d3e379fa6fdaa2:c4','40',445,447,40.0,40.0,40.0,'exact','people','killed','dead','Halvek','2024-09-18','day',NULL,1);
INSERT INTO "figures" VALUES('doc-58d3e379fa6fdaa2:f4','doc-58d3e379fa6fdaa2','doc-58d3e379fa6fdaa2:c4','nine',482,486,9.0,9.0,9.0,'exact','children','killed','dead','Halvek','2024-09-18','day',NULL,1);
INSERT INTO "figures" VALUES('doc-58d3e379fa6fdaa2:f5','doc-58d3e379fa6fdaa2','doc-58d3e379fa6fdaa2:c5','more than 70',671,683,70.0,70.0,NULL,'more_than','people','wounded','were wounded',NULL,'2024-09-18','day',NULL,1);
INSERT INTO "figures" VALUES('doc-58d3e379fa6fdaa2:f6','doc-58d3e379fa6fdaa2','doc-58d3e379fa6fdaa2:c7','fewer than a dozen',842,860,12.0,NULL,12.0,'less_than','people','killed','had died','Halvek','2024-09-18','day',NULL,1);
INSERT INTO "figures" VALUES('doc-b4bca58251940c5a:f1','doc-b4bca58251940c5a','doc-b4bca58251940c5a:c1','At least 40',70,81,40.0,40.0,NULL,'at_least','people','killed','were killed','Halvek','2024-09-17','day',NULL,1);
INSERT INTO "figures" VALUES('doc-b4bca58251940c5a:f2','doc-b4bca58251940c5a','doc-b4bca58251940c5a:c3','40',456,458,40.0,40.0,40.0,'exact','people','killed','dead','Halvek','2024-09-18','day',NULL,1);
INSERT INTO "figures" VALUES('doc-b4bca58251940c5a:f3','doc-b4bca58251940c5a','doc-b4bca58251940c5a:c3','nine',493,497,9.0,9.0,9.0,'exact','children','killed','dead','Halvek','2024-09-18','day',NULL,1);
INSERT INTO "figures" VALUES('doc-b4bca58251940c5a:f4','doc-b4bca58251940c5a','doc-b4bca58251940c5a:c4','more than 70',682,694,70.0,70.0,NULL,'more_than','people','wounded','were wounded',NULL,'2024-09-18','day',NULL,1);
INSERT INTO "figures" VALUES('doc-b4bca58251940c5a:f5','doc-b4bca58251940c5a','doc-b4bca58251940c5a:c6','fewer than a dozen',853,871,12.0,NULL,12.0,'less_than','people','killed','had died','Halvek','2024-09-18','day',NULL,1);
INSERT INTO "times" VALUES('doc-58d3e379fa6fdaa2:t1','doc-58d3e379fa6fdaa2','Tuesday',103,110,'DATE','2024-09-17',NULL);
INSERT INTO "times" VALUES('doc-58d3e379fa6fdaa2:t2','doc-58d3e379fa6fdaa2','midday',230,236,'TIME','2024-09-18T12:00',NULL);
INSERT INTO "times" VALUES('doc-58d3e379fa6fdaa2:t3','doc-58d3e379fa6fdaa2','minutes',272,279,'DURATION','PTXM',NULL);
INSERT INTO "times" VALUES('doc-58d3e379fa6fdaa2:t4','doc-58d3e379fa6fdaa2','Tuesday',1151,1158,'DATE','2024-09-17',NULL);
INSERT INTO "times" VALUES('doc-58d3e379fa6fdaa2:t5','doc-58d3e379fa6fdaa2','March',1235,1240,'DATE','2024-03',NULL);
INSERT INTO "times" VALUES('doc-b4bca58251940c5a:t1','doc-b4bca58251940c5a','Tuesday',114,121,'DATE','2024-09-17',NULL);
INSERT INTO "times" VALUES('doc-b4bca58251940c5a:t2','doc-b4bca58251940c5a','midday',241,247,'TIME','2024-09-18T12:00',NULL);
INSERT INTO "times" VALUES('doc-b4bca58251940c5a:t3','doc-b4bca58251940c5a','minutes',283,290,'DURATION','PTXM',NULL);
INSERT INTO "times" VALUES('doc-b4bca58251940c5a:t4','doc-b4bca58251940c5a','Tuesday',1162,1169,'DATE','2024-09-17',NULL);
INSERT INTO "times" VALUES('doc-b4bca58251940c5a:t5','doc-b4bca58251940c5a','March',1246,1251,'DATE','2024-03',NULL);
