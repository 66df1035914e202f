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
    id VARCHAR(16) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    name VARCHAR(200) NOT NULL,
    organization_id VARCHAR(36) NOT NULL,
    revoked_at TIMESTAMP,
    role VARCHAR(16) NOT NULL,
    token_hash VARCHAR(80) NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE app_user (
    id VARCHAR(36) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    email VARCHAR(254) NOT NULL,
    organization_id VARCHAR(36),
    password_hash VARCHAR(80) NOT NULL,
    role VARCHAR(16) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (email)
);

CREATE TABLE client (
    id VARCHAR(24) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    external_widget_disabled BOOLEAN NOT NULL,
    ha_url VARCHAR(2048) NOT NULL,
    name VARCHAR(200) NOT NULL,
    ha_token VARCHAR(8192),
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE credential (
    id VARCHAR(36) NOT NULL,
    ciphertext VARCHAR(100000) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    integration_id BIGINT NOT NULL,
    metadata VARCHAR(1000000),
    organization_id VARCHAR(36) NOT NULL,
    owner VARCHAR(80) NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    is_valid BOOLEAN NOT NULL,
    validated_at TIMESTAMP,
    widget_config_id VARCHAR(36),
    PRIMARY KEY (id),
    CONSTRAINT credential_owner UNIQUE (integration_id, owner)
);

CREATE TABLE data_key (
    owner_id VARCHAR(64) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    master_key_id VARCHAR(16) NOT NULL,
    wrapped_key VARCHAR(200) NOT NULL,
    PRIMARY KEY (owner_id)
);

CREATE TABLE integration_data (
    id VARCHAR(36) NOT NULL,
    content_hash VARCHAR(64),
    data VARCHAR(1000000),
    discriminator VARCHAR(200) NOT NULL,
    error_message VARCHAR(1000),
    etag VARCHAR(500),
    fetched_at TIMESTAMP,
    integration_id BIGINT NOT NULL,
    last_modified VARCHAR(100),
    last_used_at TIMESTAMP,
    organization_id VARCHAR(36),
    status VARCHAR(16) NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT integration_data_key UNIQUE (integration_id, discriminator)
);

CREATE TABLE organization (
    id VARCHAR(36) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    name VARCHAR(200) NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE pull_job (
    id VARCHAR(36) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    discriminator VARCHAR(200) NOT NULL,
    failures INTEGER NOT NULL,
    integration_id BIGINT NOT NULL,
    last_error VARCHAR(1000),
    last_lateness_ms BIGINT,
    last_run_at TIMESTAMP,
    lease_owner VARCHAR(100),
    lease_until TIMESTAMP,
    next_run_at TIMESTAMP NOT NULL,
    organization_id VARCHAR(36) NOT NULL,
    widget_config_id VARCHAR(36) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT pull_job_key UNIQUE (integration_id, discriminator)
);

CREATE TABLE punch_api_state (
    id VARCHAR(32) NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    changed_by VARCHAR(64),
    enabled BOOLEAN NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE punch_message (
    id BIGINT NOT NULL,
    attempts INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    display_count INTEGER NOT NULL,
    displayed_at TIMESTAMP,
    last_error VARCHAR(500),
    organization_id VARCHAR(36),
    sender_id VARCHAR(64),
    source VARCHAR(200) NOT NULL,
    status VARCHAR(16) NOT NULL,
    text VARCHAR(10000) NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX punch_message_status ON punch_message (status);

CREATE TABLE user_session (
    id VARCHAR(16) NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    secret_hash VARCHAR(64) NOT NULL,
    user_id VARCHAR(36) NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE webhook_delivery (
    id BIGINT NOT NULL,
    integration_id BIGINT NOT NULL,
    organization_id VARCHAR(36) NOT NULL,
    outcome VARCHAR(16) NOT NULL,
    reason VARCHAR(500),
    received_at TIMESTAMP NOT NULL,
    replay_key VARCHAR(300),
    signature_verdict VARCHAR(16) NOT NULL,
    size_bytes INTEGER NOT NULL,
    source_address VARCHAR(64),
    data_version BIGINT,
    webhook_id VARCHAR(200),
    widget_config_id VARCHAR(36) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT webhook_delivery_replay UNIQUE (replay_key)
);
CREATE INDEX webhook_delivery_integration ON webhook_delivery (integration_id, received_at);
CREATE INDEX webhook_delivery_organization ON webhook_delivery (organization_id, integration_id, received_at);

CREATE TABLE widget (
    id VARCHAR(64) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    data_schema VARCHAR(1000000),
    description VARCHAR(2000),
    name VARCHAR(200) NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE widget_config (
    id VARCHAR(36) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    name VARCHAR(200) NOT NULL,
    options VARCHAR(1000000),
    organization_id VARCHAR(36) NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    widget_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE widget_integration (
    id BIGINT NOT NULL,
    is_active BOOLEAN NOT NULL,
    config_schema VARCHAR(1000000),
    created_at TIMESTAMP NOT NULL,
    credential_schema VARCHAR(1000000),
    credential_scope VARCHAR(16) NOT NULL,
    description VARCHAR(2000),
    name VARCHAR(100) NOT NULL,
    pull_config VARCHAR(1000000),
    pull_endpoint VARCHAR(2000),
    pull_interval_seconds INTEGER,
    push_config VARCHAR(1000000),
    push_webhook_path VARCHAR(200),
    integration_type VARCHAR(8) NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    widget_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT widget_integration_name UNIQUE (widget_id, name)
);

CREATE TABLE widget_notification (
    id VARCHAR(36) NOT NULL,
    client_id VARCHAR(24) NOT NULL,
    delivered BOOLEAN NOT NULL,
    disabled BOOLEAN NOT NULL,
    duration_ms BIGINT NOT NULL,
    error VARCHAR(1000),
    message VARCHAR(1000),
    sent_at TIMESTAMP NOT NULL,
    status_code INTEGER,
    success BOOLEAN,
    url VARCHAR(2048) NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX widget_notification_client ON widget_notification (client_id, sent_at);
