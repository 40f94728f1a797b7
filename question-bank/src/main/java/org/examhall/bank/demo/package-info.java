/**
 * The shipped demo bank and a generator of large synthetic banks for benchmarks.
 */
package org.examhall.bank.demo;
