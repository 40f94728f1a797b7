/**
 * Questions, their versions and review life cycle, and the immutable bank snapshot that holds them.
 */
package org.examhall.bank.question;
