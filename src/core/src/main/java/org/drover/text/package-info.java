/**
 * Text helpers shared by every layer: "did you mean" hints ({@link org.drover.text.Suggest}), the one
 * quote-aware word splitter for command lines, {@code k=v} strings and inventory host lines
 * ({@link org.drover.text.Tokenizer}), and the one wildcard matcher ({@link org.drover.text.Glob}). Depends on
 * nothing of drover.
 */
package org.drover.text;
