/**
 * The module SPI: {@link org.drover.module.Module} and its declaration ({@link org.drover.module.ModuleSpec},
 * {@link org.drover.module.ArgSpec}, checked when the playbook loads), the read, plan, apply contract
 * {@link org.drover.module.StateModule}, and discovery through {@link org.drover.module.ModuleProvider}
 * (META-INF/services). Depends on {@code transport}, {@code template} and {@code text}; the modules live elsewhere.
 */
package org.drover.module;
