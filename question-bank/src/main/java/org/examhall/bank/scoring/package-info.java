/**
 * Scoring a paper from a candidate's responses, with breakdowns by section and knowledge point.
 */
package org.examhall.bank.scoring;
