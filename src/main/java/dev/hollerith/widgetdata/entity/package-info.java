/** The stored data of one (integration, discriminator): its current version, content hash and fetch status. */
package dev.hollerith.widgetdata.entity;
