package dev.apitokens.plugintests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Every reference a jar's classes make to a host class or member ({@code com.atlassian.*}): super types, field and
 * method descriptors, calls, field accesses, type instructions, constants, method handles (lambdas and method
 * references) and annotations. One line each: {@code class a.B}, {@code method a.B.name(desc)},
 * {@code field a.B.name desc}.
 */
final class HostReferences {

    static final String HOST = "com/atlassian/";

    private HostReferences() {
    }

    static Set<String> of(JarFile jar) {
        Set<String> found = new TreeSet<>();
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            if (!entry.getName().endsWith(".class") || entry.getName().startsWith("META-INF/")) {
                continue;
            }
            try (InputStream in = jar.getInputStream(entry)) {
                new ClassReader(in).accept(new Collector(found), ClassReader.SKIP_FRAMES);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    private static final class Collector extends ClassVisitor {

        private final Set<String> found;

        Collector(Set<String> found) {
            super(Opcodes.ASM9);
            this.found = found;
        }

        void type(String internalName) {
            if (internalName != null && internalName.startsWith(HOST)) {
                found.add("class " + internalName.replace('/', '.'));
            }
        }

        void type(Type type) {
            switch (type.getSort()) {
                case Type.ARRAY -> type(type.getElementType());
                case Type.OBJECT -> type(type.getInternalName());
                case Type.METHOD -> {
                    type(type.getReturnType());
                    for (Type argument : type.getArgumentTypes()) {
                        type(argument);
                    }
                }
                default -> {
                }
            }
        }

        void descriptor(String descriptor) {
            type(Type.getType(descriptor));
        }

        void member(String kind, String owner, String name, String descriptor) {
            type(owner);
            descriptor(descriptor);
            if (owner.startsWith(HOST)) {
                String sep = kind.equals("field") ? " " : "";
                found.add(kind + " " + owner.replace('/', '.') + "." + name + sep + descriptor);
            }
        }

        void constant(Object value) {
            if (value instanceof Type type) {
                type(type);
            } else if (value instanceof Handle handle) {
                boolean field = handle.getTag() <= Opcodes.H_PUTSTATIC;
                member(field ? "field" : "method", handle.getOwner(), handle.getName(), handle.getDesc());
            }
        }

        AnnotationVisitor annotation(String descriptor) {
            descriptor(descriptor);
            return null;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            type(superName);
            if (interfaces != null) {
                for (String i : interfaces) {
                    type(i);
                }
            }
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return annotation(descriptor);
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            descriptor(descriptor);
            return new FieldVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String d, boolean visible) {
                    return annotation(d);
                }
            };
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            descriptor(descriptor);
            if (exceptions != null) {
                for (String e : exceptions) {
                    type(e);
                }
            }
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String d, boolean visible) {
                    return annotation(d);
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String n, String d, boolean isInterface) {
                    if (owner.startsWith("[")) {
                        descriptor(owner);
                        return;
                    }
                    member("method", owner, n, d);
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String n, String d) {
                    member("field", owner, n, d);
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    if (type.startsWith("[")) {
                        descriptor(type);
                    } else {
                        type(type);
                    }
                }

                @Override
                public void visitLdcInsn(Object value) {
                    constant(value);
                }

                @Override
                public void visitInvokeDynamicInsn(String n, String d, Handle bootstrap, Object... arguments) {
                    descriptor(d);
                    for (Object argument : arguments) {
                        constant(argument);
                    }
                }

                @Override
                public void visitMultiANewArrayInsn(String d, int dimensions) {
                    descriptor(d);
                }

                @Override
                public void visitTryCatchBlock(org.objectweb.asm.Label start, org.objectweb.asm.Label end,
                        org.objectweb.asm.Label handler, String type) {
                    type(type);
                }
            };
        }
    }
}
