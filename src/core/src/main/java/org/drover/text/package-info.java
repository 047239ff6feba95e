/**
 * Text helpers shared by every layer: "did you mean" hints ({@link org.drover.text.Suggest}), the one
 * quote-aware word splitter for command lines, {@code k=v} strings and inventory host lines
 * ({@link org.drover.text.Tokenizer}), the one wildcard matcher ({@link org.drover.text.Glob}), and Python's
 * {@code str}/{@code repr} ({@link org.drover.text.PyText}) and {@code ast.literal_eval}
 * ({@link org.drover.text.PyLiteral}) as Ansible applies them to values. Depends on nothing of drover.
 */
package org.drover.text;
