package org.drover.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.TruthyTypeConverter;
import java.util.Properties;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.TreeBuilder;
import jinjava.javax.el.ExpressionFactory;

/** Jinjava whose expressions compute as Python does ({@link PyTreeBuilder}). */
final class PyJinjava extends Jinjava {
    private final ExpressionFactory factory;

    PyJinjava(JinjavaConfig config) {
        super(config);
        Properties props = new Properties();
        props.setProperty(TreeBuilder.class.getName(), PyTreeBuilder.class.getName());
        factory = new ExpressionFactoryImpl(props, new TruthyTypeConverter());
    }

    @Override
    public ExpressionFactory getExpressionFactory() {
        return factory;
    }
}
