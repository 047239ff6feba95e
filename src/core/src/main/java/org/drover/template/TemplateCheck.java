package org.drover.template;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.tree.ExpressionNode;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import com.hubspot.jinjava.tree.parse.TagToken;
import com.hubspot.jinjava.tree.TreeParser;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinjava.de.odysseus.el.tree.FunctionNode;
import jinjava.de.odysseus.el.tree.IdentifierNode;
import jinjava.de.odysseus.el.tree.Tree;
import jinjava.de.odysseus.el.tree.TreeBuilderException;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.ast.AstFunction;
import jinjava.de.odysseus.el.tree.impl.ast.AstString;
import org.drover.text.Suggest;

/**
 * Parses a template or a bare expression without evaluating it, to refuse at load time what would fail when it
 * runs: a Jinja syntax error, or a filter, test, function or lookup that drover does not have (with a
 * did-you-mean). Each problem is one message; the caller adds where the text was written.
 */
public final class TemplateCheck {
    private static final String FILTER = "filter:";
    private static final String TEST = "exptest:";
    private static final Pattern SYNTAX = Pattern.compile("syntax error at position (\\d+), encountered (.+?), expected");
    private static final Set<String> LOOKUP_FUNCTIONS = Set.of("lookup", "query", "q");

    private final JinjavaTemplater templater;
    /** requireKnownNames' answers by source ("" when none is unknown): loops render the same text again. */
    private final Map<String, String> known = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 512;
        }
    };

    public TemplateCheck(JinjavaTemplater templater) {
        this.templater = templater;
    }

    /** The problems of a templated string ({@code "port {{ p | int }}"}); empty when it would parse and resolve. */
    public List<String> template(String text) {
        if (!Templater.isTemplated(text)) {
            return List.of();
        }
        Set<String> problems = new LinkedHashSet<>();
        JinjavaInterpreter interpreter = templater.newInterpreter();
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            Node root = new TreeParser(interpreter, JinjavaTemplater.escapeBackslashes(Braces.spaced(text))).buildTree();
            for (TemplateError e : interpreter.getErrors()) {
                problems.add("template syntax error: " + e.getMessage());
            }
            walk(root, problems, false);
        } catch (RuntimeException e) {
            problems.add("template syntax error: " + e.getMessage());
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        return new ArrayList<>(problems);
    }

    /** The problems of a bare expression ({@code when: x | bool}). */
    public List<String> expression(String expression) {
        if (Templater.isTemplated(expression)) {
            return template(expression);
        }
        Set<String> problems = new LinkedHashSet<>();
        JinjavaInterpreter.pushCurrent(templater.newInterpreter());
        try {
            check(JinjavaTemplater.escapeExpression(expression), problems, false);
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        return new ArrayList<>(problems);
    }

    /**
     * Jinja2 refuses, before rendering, a template that names a filter or a test it does not know ("No filter
     * named 'x'."), where Jinjava would quietly give None: throws so. Other problems are left to the rendering.
     */
    void requireKnownNames(String source, boolean expression) {
        if (source.indexOf('|') < 0 && !source.contains("is")) {
            return;
        }
        String problem;
        synchronized (known) {
            problem = known.get(source);
        }
        if (problem == null) {
            problem = firstUnknownName(source, expression);
            synchronized (known) {
                known.put(source, problem);
            }
        }
        if (!problem.isEmpty()) {
            throw new TemplateException(problem, null, source.strip());
        }
    }

    private String firstUnknownName(String source, boolean expression) {
        Set<String> problems = new LinkedHashSet<>();
        JinjavaInterpreter interpreter = templater.newInterpreter();
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            String text = JinjavaTemplater.escapeBackslashes(source);
            if (expression && !Templater.isTemplated(source)) {
                check(text, problems, true);
            } else {
                walk(new TreeParser(interpreter, text).buildTree(), problems, true);
            }
        } catch (RuntimeException unparsable) {
            return ""; // the rendering says what is wrong
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        return problems.isEmpty() ? "" : problems.iterator().next();
    }

    private void walk(Node node, Set<String> problems, boolean rendering) {
        if (node instanceof ExpressionNode e && e.getMaster() instanceof ExpressionToken t) {
            check(t.getExpr(), problems, rendering);
        } else if (node instanceof TagNode tag && tag.getMaster() instanceof TagToken t) {
            String expr = tagExpression(t.getTagName(), t.getHelpers());
            if (expr != null) {
                check(expr, problems, rendering);
            }
        }
        for (Node child : node.getChildren()) {
            walk(child, problems, rendering);
        }
    }

    /** The expression a tag evaluates: if/elif x, for a in x, set a = x. */
    private static String tagExpression(String tag, String helpers) {
        String h = helpers.strip();
        return switch (tag) {
            case "if", "elif" -> h;
            case "for" -> h.contains(" in ") ? h.substring(h.indexOf(" in ") + 4).replaceAll("\\s+recursive$", "") : null;
            case "set" -> h.contains("=") ? h.substring(h.indexOf('=') + 1) : null;
            default -> null;
        };
    }

    /** The problems of one expression; when rendering, only its unknown filters and tests, in Jinja2's words. */
    private void check(String expression, Set<String> problems, boolean rendering) {
        Tree tree;
        try {
            tree = new PyTreeBuilder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS).build("#{" + expression + "}");
        } catch (TreeBuilderException e) {
            if (!rendering) {
                problems.add("template syntax error in '" + expression.strip() + "': " + syntaxError(e.getMessage(), expression));
            }
            return;
        }
        Context ctx = templater.globals();
        for (IdentifierNode id : tree.getIdentifierNodes()) {
            String name = id.getName();
            if (name.startsWith(FILTER) && ctx.getFilter(name.substring(FILTER.length())) == null) {
                problems.add(unknown("filter", name.substring(FILTER.length()), names(ctx.getAllFilters().stream().map(f -> f.getName()).toList()), rendering));
            } else if (name.startsWith(TEST) && ctx.getExpTest(name.substring(TEST.length())) == null) {
                problems.add(unknown("test", name.substring(TEST.length()), names(ctx.getAllExpTests().stream().map(f -> f.getName()).toList()), rendering));
            }
        }
        if (!rendering) {
            checkFunctions(tree, ctx, problems);
        }
    }

    private static void checkFunctions(Tree tree, Context ctx, Set<String> problems) {
        for (FunctionNode f : tree.getFunctionNodes()) {
            String name = f.getName().replaceFirst("^:", "");
            if (ctx.getFunction(name) == null && ctx.getFunction(":" + name) == null) {
                problems.add(unknown("function", name, names(ctx.getAllFunctions().stream().map(d -> d.getLocalName()).toList()), false));
            } else if (LOOKUP_FUNCTIONS.contains(name) && f instanceof AstFunction af && af.getParamCount() > 0
                    && af.getChild(0).getChild(0) instanceof AstString s) {
                String lookup = String.valueOf(s.eval(null, null));
                if (!Lookups.NAMES.contains(lookup)) {
                    problems.add(unknown("lookup", lookup, Lookups.NAMES, false));
                }
            }
        }
    }

    /** Jinjava's "syntax error at position 6, encountered '}', expected ..." said for a person. */
    private static String syntaxError(String message, String expression) {
        Matcher m = SYNTAX.matcher(message);
        if (!m.find()) {
            return message;
        }
        int at = Integer.parseInt(m.group(1)) - 2;
        if (at >= expression.length()) {
            return "unexpected end of expression";
        }
        return "unexpected " + m.group(2) + " at character " + (at + 1);
    }

    private static Collection<String> names(Collection<String> all) {
        return new TreeSet<>(all);
    }

    /** "unknown filter 'x'" at load time; Jinja2's "No filter named 'x'." when rendering. */
    private static String unknown(String kind, String name, Collection<String> known, boolean rendering) {
        String said = rendering ? "No " + kind + " named '" + name + "'." : "unknown " + kind + " '" + name + "'";
        return said + Suggest.didYouMean(name, known);
    }

}
