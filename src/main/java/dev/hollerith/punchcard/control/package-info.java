/**
 * The punch card: the IBM 029 code ({@code HollerithCode}), cards of 12 × 80 ({@code CardFrame}),
 * the display with its queue and worker ({@code PunchCardDisplay}) and the hardware behind it
 * (a 74HC595 chain through pi4j, or memory).
 */
package dev.hollerith.punchcard.control;
