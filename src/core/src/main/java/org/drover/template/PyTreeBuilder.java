package org.drover.template;

import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.el.ext.ExtendedScanner;
import com.hubspot.jinjava.el.ext.PowerOfOperator;
import com.hubspot.jinjava.el.ext.TruncDivOperator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import jinjava.de.odysseus.el.misc.TypeConverter;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.Scanner;
import jinjava.de.odysseus.el.tree.impl.Scanner.ScanException;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstBracket;
import jinjava.de.odysseus.el.tree.impl.ast.AstDot;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;

/**
 * Jinjava's expression parser with Python's arithmetic ({@link PyNumbers}) in place of Java's for
 * {@code + - * / // % **}. Public only because the expression factory loads its tree builder by class name.
 */
public final class PyTreeBuilder extends ExtendedSyntaxBuilder {
    private static final long serialVersionUID = 1L;

    static final AstBinary.Operator ADD = new PyOperator("+", PyTreeBuilder::add);
    static final AstBinary.Operator SUB = new PyOperator("-", PyNumbers::sub);
    static final AstBinary.Operator MUL = new PyOperator("*", PyNumbers::mul);
    static final AstBinary.Operator DIV = new PyOperator("/", PyNumbers::div);
    static final AstBinary.Operator FLOOR_DIV = new PyOperator("//", PyNumbers::floorDiv);
    static final AstBinary.Operator MOD = new PyOperator("%", PyNumbers::mod);
    static final AstBinary.Operator POW = new PyOperator("**", PyNumbers::pow);

    public PyTreeBuilder() {
        super();
    }

    public PyTreeBuilder(Builder.Feature... features) {
        super(features);
    }

    @Override
    protected Parser createParser(String expression) {
        return new PyParser(this, expression);
    }

    /** Python's {@code +} (as sum applies it). */
    static Object pyAdd(Object a, Object b) {
        Object r = add(a, b);
        if (r == null) {
            throw new TemplateException("unsupported operand type(s) for +: '" + typeName(a) + "' and '" + typeName(b) + "'", null);
        }
        return r;
    }

    /** Python's {@code +}: numbers add, strings and lists concatenate, anything else is Python's TypeError. */
    private static Object add(Object a, Object b) {
        Object n = PyNumbers.add(a, b);
        if (n != null) {
            return n;
        }
        if (a instanceof CharSequence && b instanceof CharSequence) {
            return a.toString() + b;
        }
        if (a instanceof Collection<?> x && b instanceof Collection<?> y) {
            java.util.List<Object> out = new java.util.ArrayList<>(x);
            out.addAll(y);
            return out;
        }
        if (a instanceof CharSequence) {
            throw new TemplateException("can only concatenate str (not \"" + typeName(b) + "\") to str", null);
        }
        return null;
    }

    /** Python's name of a value's type, as error messages and {@code type_debug} give it. */
    static String typeName(Object v) {
        if (v == null) {
            return "NoneType";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (PyNumbers.isInt(v)) {
            return "int";
        }
        if (PyNumbers.isFloat(v)) {
            return "float";
        }
        if (v instanceof CharSequence) {
            return "str";
        }
        if (v instanceof Map) {
            return "dict";
        }
        if (v instanceof Collection) {
            return "list";
        }
        return v.getClass().getSimpleName();
    }

    /** Swaps Jinjava's arithmetic operators for Python's as the parser builds the tree. */
    private static final class PyParser extends ExtendedParser {
        PyParser(Builder builder, String input) {
            super(builder, input);
            putExtensionHandler(TruncDivOperator.TOKEN, handler(FLOOR_DIV));
            putExtensionHandler(PowerOfOperator.TOKEN, handler(POW));
        }

        /** Jinja2's {@code **}: above * and / (2 * 3 ** 2 is 18), on filtered operands, left to right. */
        @Override
        protected AstNode filter(boolean required) throws ScanException, ParseException {
            AstNode v = super.filter(required);
            while (getToken().getSymbol() == Scanner.Symbol.EXTENSION && "**".equals(getToken().getImage())) {
                consumeToken();
                v = new AstBinary(v, super.filter(true), POW);
            }
            return tests(v);
        }

        /** Jinja2 tests the filtered value: {@code x | f(1) is odd} is {@code (x | f(1)) is odd}. */
        private AstNode tests(AstNode value) throws ScanException, ParseException {
            AstNode v = value;
            while (v != null && "is".equals(getToken().getImage()) && isWord(lookahead(0))) {
                consumeToken(); // is
                String method = "evaluate";
                if ("not".equals(getToken().getImage()) && isWord(lookahead(0))) {
                    consumeToken();
                    method = "evaluateNegated";
                }
                String name = consumeToken().getImage();
                List<AstNode> ps = new ArrayList<>(List.of(v, interpreter()));
                AstNode arg = value();
                if (arg != null) {
                    ps.add(arg);
                }
                v = createAstMethod(createAstDot(identifier(EXPTEST_PREFIX + name), method, true),
                        createAstParameters(ps));
            }
            return v;
        }

        private static boolean isWord(Scanner.Token t) {
            return t.getImage() != null && t.getImage().matches("[A-Za-z_][A-Za-z0-9_]*");
        }

        /** Jinjava's, with Python's extended slices {@code [start:stop:step]}. */
        @Override
        protected AstNode value() throws ScanException, ParseException {
            boolean lvalue = true;
            AstNode v = nonliteral();
            if (v == null) {
                v = literal();
                if (v == null) {
                    return null;
                }
                lvalue = false;
            }
            while (true) {
                if (getToken().getSymbol() == Scanner.Symbol.DOT) {
                    consumeToken();
                    AstDot dot = createAstDot(v, consumeToken(Scanner.Symbol.IDENTIFIER).getImage(), lvalue);
                    v = callable() ? createAstMethod(dot, params()) : dot;
                } else if (getToken().getSymbol() == Scanner.Symbol.LBRACK) {
                    v = bracket(v, lvalue);
                } else {
                    return v;
                }
            }
        }

        private boolean callable() {
            return getToken().getSymbol() == Scanner.Symbol.LPAREN && context.isEnabled(Builder.Feature.METHOD_INVOCATIONS);
        }

        private AstNode bracket(AstNode v, boolean lvalue) throws ScanException, ParseException {
            consumeToken(); // [
            AstNode start = expr(false);
            boolean strict = !context.isEnabled(Builder.Feature.NULL_PROPERTIES);
            Scanner.Token next = consumeToken();
            if (next.getSymbol() == Scanner.Symbol.RBRACK) {
                AstBracket b = createAstBracket(v, start, lvalue, strict);
                return callable() ? createAstMethod(b, params()) : b;
            }
            if (next.getSymbol() != Scanner.Symbol.COLON) {
                fail(Scanner.Symbol.RBRACK);
            }
            AstNode stop = expr(false);
            if (getToken().getSymbol() == Scanner.Symbol.COLON) {
                consumeToken();
                AstNode step = expr(false);
                consumeToken(Scanner.Symbol.RBRACK);
                return new PySlice(v, start, stop, step);
            }
            consumeToken(Scanner.Symbol.RBRACK);
            return start == null && stop == null ? new PySlice(v, null, null, null)
                    : createAstRangeBracket(v, start, stop, lvalue, strict);
        }

        @Override
        protected Scanner createScanner(String expression) {
            return new PyScanner(expression);
        }

        private static ExtensionHandler handler(AstBinary.Operator op) {
            return new ExtensionHandler(ExtensionPoint.MUL) {
                @Override
                public AstNode createAstNode(AstNode... children) {
                    return new AstBinary(children[0], children[1], op);
                }
            };
        }

        @Override
        protected AstBinary createAstBinary(AstNode left, AstNode right, AstBinary.Operator operator) {
            return super.createAstBinary(left, right, python(operator));
        }

        private static AstBinary.Operator python(AstBinary.Operator op) {
            if (op == AstBinary.ADD || op instanceof com.hubspot.jinjava.el.ext.AdditionOperator) {
                return ADD;
            }
            if (op == AstBinary.SUB) {
                return SUB;
            }
            if (op == AstBinary.MUL) {
                return MUL;
            }
            if (op == AstBinary.DIV) {
                return DIV;
            }
            return op == AstBinary.MOD ? MOD : op;
        }
    }

    /** Jinjava's scanner, with EL's word operators (empty, div, mod, eq, lt...) left as names, as in Jinja2. */
    private static final class PyScanner extends ExtendedScanner {
        private static final Set<String> NOT_KEYWORDS = Set.of("empty", "div", "mod", "eq", "ne", "lt", "gt", "le", "ge",
                "instanceof");

        PyScanner(String input) {
            super(input);
        }

        @Override
        protected Token keyword(String s) {
            return NOT_KEYWORDS.contains(s) ? null : super.keyword(s);
        }
    }

    /** One arithmetic operator: Python's rule, or Python's TypeError where no rule applies. */
    private static final class PyOperator extends AstBinary.SimpleOperator {
        private final String symbol;
        private final BinaryOperator<Object> rule;

        PyOperator(String symbol, BinaryOperator<Object> rule) {
            this.symbol = symbol;
            this.rule = rule;
        }

        @Override
        protected Object apply(TypeConverter converter, Object a, Object b) {
            Object x = JinjavaTemplater.plain(a);
            Object y = JinjavaTemplater.plain(b);
            Object r = rule.apply(x, y);
            if (r == null) {
                throw new TemplateException("unsupported operand type(s) for " + symbol + ": '" + typeName(x) + "' and '"
                        + typeName(y) + "'", null);
            }
            return r;
        }

        @Override
        public String toString() {
            return symbol;
        }
    }
}
