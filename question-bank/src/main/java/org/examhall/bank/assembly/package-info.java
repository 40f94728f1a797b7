/**
 * Drawing papers from a bank by a blueprint: seeded, reproducible, constrained and exposure-controlled; the
 * server's paper and the candidate's key-free view of it.
 */
package org.examhall.bank.assembly;
