/**
 * Item analysis: what scored sittings say about the questions that were asked (how hard, how well they
 * separate strong from weak candidates, which options draw whom) and about each session's papers as a
 * whole (reliability, score distribution), with the flags that send a question back to review. Pure
 * arithmetic over the score reports; the server only feeds it.
 */
package org.examhall.bank.analysis;
