/**
 * Small text helpers shared by every layer, such as the "did you mean" suggestions in error messages. Depends on
 * nothing of drover.
 */
package org.drover.text;
