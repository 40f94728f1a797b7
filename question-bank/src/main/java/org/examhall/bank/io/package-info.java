/**
 * Bank formats: import from .xlsx, JSON and QTI with a report of every bad cell, export to .xlsx and JSON, and
 * JSON for categories, blueprints and papers.
 */
package org.examhall.bank.io;
