/**
 * Blueprints (组卷规则): the shape of a paper, its constraints, and their validation.
 */
package org.examhall.bank.blueprint;
