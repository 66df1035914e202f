-- V1: the schema exactly as EclipseLink's DDL generation (create-or-extend-tables) made it
-- before migrations took over (release 1.0). A database created by that release has these tables
-- and no flyway_schema_history: it is adopted as version 1 (baseline-on-migrate) and kept.
-- Never edit this file: add V2__... beside it (docs/operations.md "Upgrades").

-- EclipseLink preallocates ids: it takes nextval and hands out the allocationSize ids ending at
-- it, so a sequence starts at its increment (webhook_delivery: 1..50, then 51..100, ...).
CREATE SEQUENCE punch_message_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE webhook_delivery_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE widget_integration_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE api_key (
    id character varying(16) NOT NULL,
    created_at timestamp NOT NULL,
    name character varying(200) NOT NULL,
    organization_id character varying(36) NOT NULL,
    revoked_at timestamp,
    role character varying(16) NOT NULL,
    token_hash character varying(80) NOT NULL,
    CONSTRAINT api_key_pkey PRIMARY KEY (id)
);

CREATE TABLE app_user (
    id character varying(36) NOT NULL,
    created_at timestamp NOT NULL,
    email character varying(254) NOT NULL,
    organization_id character varying(36),
    password_hash character varying(80) NOT NULL,
    role character varying(16) NOT NULL,
    CONSTRAINT app_user_pkey PRIMARY KEY (id),
    CONSTRAINT app_user_email_key UNIQUE (email)
);

CREATE TABLE client (
    id character varying(24) NOT NULL,
    created_at timestamp NOT NULL,
    external_widget_disabled boolean NOT NULL,
    ha_url character varying(2048) NOT NULL,
    name character varying(200) NOT NULL,
    ha_token character varying(8192),
    updated_at timestamp NOT NULL,
    CONSTRAINT client_pkey PRIMARY KEY (id)
);

CREATE TABLE credential (
    id character varying(36) NOT NULL,
    ciphertext character varying(100000) NOT NULL,
    created_at timestamp NOT NULL,
    integration_id bigint NOT NULL,
    metadata character varying(1000000),
    organization_id character varying(36) NOT NULL,
    owner character varying(80) NOT NULL,
    updated_at timestamp NOT NULL,
    is_valid boolean NOT NULL,
    validated_at timestamp,
    widget_config_id character varying(36),
    CONSTRAINT credential_pkey PRIMARY KEY (id),
    CONSTRAINT credential_owner UNIQUE (integration_id, owner)
);

CREATE TABLE data_key (
    owner_id character varying(64) NOT NULL,
    created_at timestamp NOT NULL,
    master_key_id character varying(16) NOT NULL,
    wrapped_key character varying(200) NOT NULL,
    CONSTRAINT data_key_pkey PRIMARY KEY (owner_id)
);

CREATE TABLE integration_data (
    id character varying(36) NOT NULL,
    content_hash character varying(64),
    data character varying(1000000),
    discriminator character varying(200) NOT NULL,
    error_message character varying(1000),
    etag character varying(500),
    fetched_at timestamp,
    integration_id bigint NOT NULL,
    last_modified character varying(100),
    last_used_at timestamp,
    organization_id character varying(36),
    status character varying(16) NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT integration_data_pkey PRIMARY KEY (id),
    CONSTRAINT integration_data_key UNIQUE (integration_id, discriminator)
);

CREATE TABLE organization (
    id character varying(36) NOT NULL,
    created_at timestamp NOT NULL,
    name character varying(200) NOT NULL,
    CONSTRAINT organization_pkey PRIMARY KEY (id)
);

CREATE TABLE pull_job (
    id character varying(36) NOT NULL,
    created_at timestamp NOT NULL,
    discriminator character varying(200) NOT NULL,
    failures integer NOT NULL,
    integration_id bigint NOT NULL,
    last_error character varying(1000),
    last_lateness_ms bigint,
    last_run_at timestamp,
    lease_owner character varying(100),
    lease_until timestamp,
    next_run_at timestamp NOT NULL,
    organization_id character varying(36) NOT NULL,
    widget_config_id character varying(36) NOT NULL,
    CONSTRAINT pull_job_pkey PRIMARY KEY (id),
    CONSTRAINT pull_job_key UNIQUE (integration_id, discriminator)
);

CREATE TABLE punch_api_state (
    id character varying(32) NOT NULL,
    changed_at timestamp NOT NULL,
    changed_by character varying(64),
    enabled boolean NOT NULL,
    CONSTRAINT punch_api_state_pkey PRIMARY KEY (id)
);

CREATE TABLE punch_message (
    id bigint NOT NULL,
    attempts integer NOT NULL,
    created_at timestamp NOT NULL,
    display_count integer NOT NULL,
    displayed_at timestamp,
    last_error character varying(500),
    organization_id character varying(36),
    sender_id character varying(64),
    source character varying(200) NOT NULL,
    status character varying(16) NOT NULL,
    text character varying(10000) NOT NULL,
    CONSTRAINT punch_message_pkey PRIMARY KEY (id)
);
CREATE INDEX punch_message_status ON punch_message (status);

CREATE TABLE user_session (
    id character varying(16) NOT NULL,
    expires_at timestamp NOT NULL,
    secret_hash character varying(64) NOT NULL,
    user_id character varying(36) NOT NULL,
    CONSTRAINT user_session_pkey PRIMARY KEY (id)
);

CREATE TABLE webhook_delivery (
    id bigint NOT NULL,
    integration_id bigint NOT NULL,
    organization_id character varying(36) NOT NULL,
    outcome character varying(16) NOT NULL,
    reason character varying(500),
    received_at timestamp NOT NULL,
    replay_key character varying(300),
    signature_verdict character varying(16) NOT NULL,
    size_bytes integer NOT NULL,
    source_address character varying(64),
    data_version bigint,
    webhook_id character varying(200),
    widget_config_id character varying(36) NOT NULL,
    CONSTRAINT webhook_delivery_pkey PRIMARY KEY (id),
    CONSTRAINT webhook_delivery_replay UNIQUE (replay_key)
);
CREATE INDEX webhook_delivery_integration ON webhook_delivery (integration_id, received_at);
CREATE INDEX webhook_delivery_organization ON webhook_delivery (organization_id, integration_id, received_at);

CREATE TABLE widget (
    id character varying(64) NOT NULL,
    created_at timestamp NOT NULL,
    data_schema character varying(1000000),
    description character varying(2000),
    name character varying(200) NOT NULL,
    CONSTRAINT widget_pkey PRIMARY KEY (id)
);

CREATE TABLE widget_config (
    id character varying(36) NOT NULL,
    created_at timestamp NOT NULL,
    name character varying(200) NOT NULL,
    options character varying(1000000),
    organization_id character varying(36) NOT NULL,
    updated_at timestamp NOT NULL,
    widget_id character varying(64) NOT NULL,
    CONSTRAINT widget_config_pkey PRIMARY KEY (id)
);

CREATE TABLE widget_integration (
    id bigint NOT NULL,
    is_active boolean NOT NULL,
    config_schema character varying(1000000),
    created_at timestamp NOT NULL,
    credential_schema character varying(1000000),
    credential_scope character varying(16) NOT NULL,
    description character varying(2000),
    name character varying(100) NOT NULL,
    pull_config character varying(1000000),
    pull_endpoint character varying(2000),
    pull_interval_seconds integer,
    push_config character varying(1000000),
    push_webhook_path character varying(200),
    integration_type character varying(8) NOT NULL,
    updated_at timestamp NOT NULL,
    widget_id character varying(64) NOT NULL,
    CONSTRAINT widget_integration_pkey PRIMARY KEY (id),
    CONSTRAINT widget_integration_name UNIQUE (widget_id, name)
);

CREATE TABLE widget_notification (
    id character varying(36) NOT NULL,
    client_id character varying(24) NOT NULL,
    delivered boolean NOT NULL,
    disabled boolean NOT NULL,
    duration_ms bigint NOT NULL,
    error character varying(1000),
    message character varying(1000),
    sent_at timestamp NOT NULL,
    status_code integer,
    success boolean,
    url character varying(2048) NOT NULL,
    CONSTRAINT widget_notification_pkey PRIMARY KEY (id)
);
CREATE INDEX widget_notification_client ON widget_notification (client_id, sent_at);
