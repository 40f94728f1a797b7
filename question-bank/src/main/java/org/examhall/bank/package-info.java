/**
 * The unified question bank of the safety-production exams (统一题库): pure domain code with no database or server;
 * the only I/O is the file formats of the io package.
 */
package org.examhall.bank;
