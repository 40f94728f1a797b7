/**
 * The categories questions and blueprints belong to: operation classes and items, and employee categories.
 */
package org.examhall.bank.category;
