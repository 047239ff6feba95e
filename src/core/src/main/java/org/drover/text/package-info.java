/**
 * Text helpers shared by the loaders and modules: "did you mean" hints ({@link org.drover.text.Suggest}), the one
 * quote-aware word splitter for command lines, {@code k=v} strings and inventory host lines
 * ({@link org.drover.text.Tokenizer}), and the one wildcard matcher ({@link org.drover.text.Glob}).
 */
package org.drover.text;
