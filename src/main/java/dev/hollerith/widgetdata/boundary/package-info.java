/**
 * The player read path (seed 002 "Get Widget Data": 304 while the held version is current, ETag)
 * and the event stream that announces each new version.
 */
package dev.hollerith.widgetdata.boundary;
