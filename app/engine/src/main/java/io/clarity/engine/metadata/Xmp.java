package io.clarity.engine.metadata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An XMP packet, kept as the text it came in so that everything we do not touch survives byte for byte. It is
 * scanned once as namespace-aware XML (no DTDs, no external anything) so edits find properties by namespace and
 * name whatever prefixes the writer chose, as attributes or as simple elements, and splice only those.
 */
public final class Xmp {
    public static final String NS_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public static final String NS_TIFF = "http://ns.adobe.com/tiff/1.0/";
    public static final String NS_EXIF = "http://ns.adobe.com/exif/1.0/";
    public static final String NS_XMP_NOTE = "http://ns.adobe.com/xmp/note/";
    public static final String NS_CRS = "http://ns.adobe.com/camera-raw-settings/1.0/";
    public static final String NS_DIMENSIONS = "http://ns.adobe.com/xap/1.0/sType/Dimensions#";
    public static final String NS_HDRGM = "http://ns.adobe.com/hdr-gain-map/1.0/";
    public static final String NS_CONTAINER = "http://ns.google.com/photos/1.0/container/";
    public static final String NS_ITEM = "http://ns.google.com/photos/1.0/container/item/";
    public static final String NS_GCAMERA = "http://ns.google.com/photos/1.0/camera/";

    /** Standard packets hold at most 64 KiB; extended ones are capped here so hostile lengths stay cheap. */
    public static final int MAX_BYTES = 16 << 20;
    private static final int MAX_DEPTH = 200;
    private static final String[] CROP = {"HasCrop", "CropTop", "CropLeft", "CropBottom", "CropRight", "CropAngle",
        "CropConstrainToWarp", "CropWidth", "CropHeight", "CropUnit"};
    private static final String[] MOTION = {"MotionPhoto", "MotionPhotoVersion", "MotionPhotoPresentationTimestampUs",
        "MicroVideo", "MicroVideoVersion", "MicroVideoOffset", "MicroVideoPresentationTimestampUs"};

    private final String text;
    private final List<Element> elements;

    private Xmp(String text, List<Element> elements) {
        this.text = text;
        this.elements = elements;
    }

    /** A packet with one empty description, to build on. */
    public static Xmp empty() {
        try {
            return parse("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"" + NS_RDF
                    + "\"><rdf:Description rdf:about=\"\"/></rdf:RDF></x:xmpmeta>");
        } catch (MalformedImageException e) {
            throw new AssertionError(e);
        }
    }

    public static Xmp parse(byte[] utf8) throws MalformedImageException {
        if (utf8.length > MAX_BYTES) {
            throw new MalformedImageException("XMP packet of " + utf8.length + " bytes exceeds " + MAX_BYTES);
        }
        return parse(new String(utf8, StandardCharsets.UTF_8));
    }

    public static Xmp parse(String text) throws MalformedImageException {
        return new Xmp(text, new Scanner(text).scan());
    }

    public String text() {
        return text;
    }

    public byte[] bytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes to embed: the text, inside an xpacket wrapper (XMP part 1, 7.3) when it came without one. */
    public byte[] packet() {
        String t = text.trim();
        if (t.startsWith("<?xpacket")) {
            return bytes();
        }
        return ("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>" + t + "<?xpacket end=\"w\"?>")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The first value of a simple property (an attribute or a text-only element), entities decoded; or null. */
    public String value(String ns, String name) {
        for (Element e : properties()) {
            for (Attribute a : e.attributes) {
                if (a.is(ns, name)) {
                    return unescape(text.substring(a.valueStart, a.valueEnd));
                }
            }
            if (e.is(ns, name) && !e.hasChildren && !e.selfClosing) {
                return unescape(text.substring(e.contentStart, e.contentEnd)).trim();
            }
        }
        return null;
    }

    public boolean has(String ns, String name) {
        for (Element e : properties()) {
            if (e.is(ns, name)) {
                return true;
            }
            for (Attribute a : e.attributes) {
                if (a.is(ns, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every occurrence of a simple property set to {@code value}; a property that is absent stays absent. */
    public Xmp withValue(String ns, String name, String value) {
        StringBuilder out = new StringBuilder(text);
        List<int[]> spans = new ArrayList<>(); // start, end: replaced back to front so offsets stay valid
        for (Element e : properties()) {
            for (Attribute a : e.attributes) {
                if (a.is(ns, name)) {
                    spans.add(new int[] {a.valueStart, a.valueEnd});
                }
            }
            if (e.is(ns, name) && !e.hasChildren && !e.selfClosing) {
                spans.add(new int[] {e.contentStart, e.contentEnd});
            }
        }
        if (spans.isEmpty()) {
            return this;
        }
        spans.sort((x, y) -> Integer.compare(y[0], x[0]));
        for (int[] s : spans) {
            out.replace(s[0], s[1], escape(value));
        }
        return reparse(out.toString());
    }

    /** This packet without the property, wherever it appears (attribute or element, with its content). */
    public Xmp without(String ns, String name) {
        List<int[]> spans = new ArrayList<>();
        for (Element e : properties()) {
            for (Attribute a : e.attributes) {
                if (a.is(ns, name)) {
                    spans.add(new int[] {a.start, a.valueEnd + 1});
                }
            }
            if (e.is(ns, name)) {
                spans.add(new int[] {e.start, e.end});
            }
        }
        if (spans.isEmpty()) {
            return this;
        }
        spans.sort((x, y) -> Integer.compare(x[0], y[0]));
        List<int[]> outermost = new ArrayList<>(); // a property nested in one removed goes with it
        int end = -1;
        for (int[] s : spans) {
            if (s[0] >= end) {
                outermost.add(s);
                end = s[1];
            }
        }
        StringBuilder out = new StringBuilder(text);
        for (int i = outermost.size() - 1; i >= 0; i--) {
            out.delete(outermost.get(i)[0], outermost.get(i)[1]);
        }
        return reparse(out.toString());
    }

    /**
     * This packet without the photo's location: every exif:GPS* property (XMP's copy of the EXIF GPS directory,
     * which cameras and editors write beside it).
     */
    public Xmp withoutLocation() {
        Xmp x = this;
        for (String name : locationProperties()) {
            x = x.without(NS_EXIF, name);
        }
        return x;
    }

    /** Whether any exif:GPS* property is present. */
    public boolean hasLocation() {
        return !locationProperties().isEmpty();
    }

    private List<String> locationProperties() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (Element e : properties()) {
            for (Attribute a : e.attributes) {
                if (NS_EXIF.equals(a.ns) && a.local != null && a.local.startsWith("GPS")) {
                    names.add(a.local);
                }
            }
            if (NS_EXIF.equals(e.ns) && e.local != null && e.local.startsWith("GPS")) {
                names.add(e.local);
            }
        }
        return new ArrayList<>(names);
    }

    /**
     * Adds attributes (with their xmlns declarations) and child elements to the first rdf:Description.
     * {@code children} is XML whose prefixes are declared in {@code attributes} or on the packet's rdf:RDF.
     */
    public Xmp withDescription(String attributes, String children) throws MalformedImageException {
        Element d = firstDescription();
        if (d == null) {
            Element rdf = first(NS_RDF, "RDF");
            String prefix = rdf.qname.substring(0, rdf.qname.length() - 3);
            String description = "<" + prefix + "Description " + prefix + "about=\"\"/>";
            StringBuilder out = new StringBuilder(text);
            if (rdf.selfClosing) {
                int slash = text.lastIndexOf('/', rdf.startEnd - 1);
                out.replace(slash, rdf.startEnd, ">" + description + "</" + rdf.qname + ">");
            } else {
                out.insert(rdf.contentEnd, description);
            }
            return parse(out.toString()).withDescription(attributes, children);
        }
        StringBuilder kept = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\S+?)=\"([^\"]*)\"").matcher(attributes);
        while (m.find()) {
            String name = m.group(1);
            if (name.startsWith("xmlns:")) {
                String prefix = name.substring(6);
                String bound = d.scope.get(prefix);
                if (m.group(2).equals(bound)) {
                    continue; // already declared: a second declaration would be a duplicate attribute
                }
                if (bound != null && text.substring(d.start, d.startEnd).contains(name + "=")) {
                    throw new MalformedImageException("XMP: prefix " + prefix + " is bound to " + bound
                            + " on the description, not " + m.group(2));
                }
            }
            kept.append(kept.length() == 0 ? "" : " ").append(m.group());
        }
        attributes = kept.toString();
        StringBuilder out = new StringBuilder(text);
        if (d.selfClosing) {
            int slash = text.lastIndexOf('/', d.startEnd - 1);
            out.replace(slash, d.startEnd, " " + attributes + ">" + children + "</" + d.qname + ">");
        } else {
            out.insert(d.contentEnd, children);
            out.insert(d.startEnd - 1, " " + attributes);
        }
        return parse(out.toString());
    }

    /**
     * The descriptions of {@code extended} (the second half of a JPEG extended-XMP pair) moved into this
     * packet, which loses its xmpNote:HasExtendedXMP pointer.
     */
    public Xmp merge(Xmp extended) throws MalformedImageException {
        Element rdf = extended.first(NS_RDF, "RDF");
        Element own = first(NS_RDF, "RDF");
        if (rdf.selfClosing || own.selfClosing) {
            return without(NS_XMP_NOTE, "HasExtendedXMP");
        }
        String body = extended.text.substring(rdf.contentStart, rdf.contentEnd);
        StringBuilder out = new StringBuilder(text);
        out.insert(own.contentEnd, body);
        return parse(out.toString()).without(NS_XMP_NOTE, "HasExtendedXMP");
    }

    /**
     * The packet for an upright output of {@code width} x {@code height}: dimensions and orientation made true,
     * a crop rectangle dropped when the pixels were turned (it is in the stored frame), and the container
     * directory and motion-photo fields removed (the writer describes what it appends itself). What was dropped
     * is added to {@code dropped}.
     */
    public Xmp forOutput(int width, int height, boolean turned, List<String> dropped) {
        Xmp x = withValue(NS_TIFF, "ImageWidth", Integer.toString(width))
                .withValue(NS_TIFF, "ImageLength", Integer.toString(height))
                .withValue(NS_EXIF, "PixelXDimension", Integer.toString(width))
                .withValue(NS_EXIF, "PixelYDimension", Integer.toString(height))
                .withValue(NS_DIMENSIONS, "w", Integer.toString(width))
                .withValue(NS_DIMENSIONS, "h", Integer.toString(height))
                .withValue(NS_TIFF, "Orientation", "1");
        if (turned && x.has(NS_CRS, "CropTop")) {
            for (String p : CROP) {
                x = x.without(NS_CRS, p);
            }
            dropped.add("XMP crop (crs:Crop*): its rectangle is in the stored frame, and the output is turned upright");
        }
        boolean motion = false;
        for (String p : MOTION) {
            motion |= x.has(NS_GCAMERA, p);
            x = x.without(NS_GCAMERA, p);
        }
        if (motion) {
            dropped.add("motion photo: the video after the picture is not carried");
        }
        return x.without(NS_CONTAINER, "Directory").without(NS_HDRGM, "Version");
    }

    /** The elements inside rdf:RDF: properties, their values and the descriptions that hold them. */
    private List<Element> properties() {
        List<Element> inside = new ArrayList<>();
        for (Element e : elements) {
            if (e.inRdf) {
                inside.add(e);
            }
        }
        return inside;
    }

    private Element firstDescription() {
        return first(NS_RDF, "Description");
    }

    private Element first(String ns, String name) {
        for (Element e : elements) {
            if (e.is(ns, name)) {
                return e;
            }
        }
        return null;
    }

    /** Edits only remove or replace well-formed pieces, so the result scans; a failure is our bug. */
    private static Xmp reparse(String text) {
        try {
            return parse(text);
        } catch (MalformedImageException e) {
            throw new IllegalStateException("edited XMP no longer scans: " + e.getMessage(), e);
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    private static final class Attribute {
        String ns;
        String local;
        int start;
        int valueStart;
        int valueEnd;

        boolean is(String namespace, String name) {
            return name.equals(local) && namespace.equals(ns);
        }
    }

    private static final class Element {
        String qname;
        String ns;
        String local;
        int start;
        int startEnd;
        int contentStart;
        int contentEnd;
        int end;
        boolean selfClosing;
        boolean hasChildren;
        /** Inside an rdf:RDF element: only there are elements and attributes properties we may edit. */
        boolean inRdf;
        Map<String, String> scope;
        final List<Attribute> attributes = new ArrayList<>();

        boolean is(String namespace, String name) {
            return name.equals(local) && namespace.equals(ns);
        }
    }

    /** A single pass over the text: well-formedness, nesting and namespace scopes, with source positions. */
    private static final class Scanner {
        private final String s;
        private int p;

        Scanner(String s) {
            this.s = s;
        }

        private MalformedImageException malformed(String what) {
            return new MalformedImageException("XMP: " + what + " (at character " + p + ")");
        }

        List<Element> scan() throws MalformedImageException {
            List<Element> all = new ArrayList<>();
            List<Element> open = new ArrayList<>();
            Map<String, String> root = new HashMap<>();
            root.put("xml", "http://www.w3.org/XML/1998/namespace");
            boolean rdf = false;
            while (p < s.length()) {
                int lt = s.indexOf('<', p);
                if (lt < 0) {
                    p = s.length();
                    break;
                }
                p = lt;
                if (s.startsWith("<?", p)) {
                    p = after("?>", "processing instruction");
                } else if (s.startsWith("<!--", p)) {
                    p = after("-->", "comment");
                } else if (s.startsWith("<![CDATA[", p)) {
                    if (open.isEmpty()) {
                        throw malformed("CDATA outside the root element");
                    }
                    p = after("]]>", "CDATA section");
                } else if (s.startsWith("<!", p)) {
                    throw malformed("DOCTYPE or declaration; XMP allows none");
                } else if (s.startsWith("</", p)) {
                    p += 2;
                    String name = name();
                    skipSpace();
                    expect('>');
                    if (open.isEmpty() || !open.get(open.size() - 1).qname.equals(name)) {
                        throw malformed("end tag </" + name + "> does not close the open element");
                    }
                    Element e = open.remove(open.size() - 1);
                    e.contentEnd = lt;
                    e.end = p;
                } else {
                    Element e = startTag(open.isEmpty() ? root : open.get(open.size() - 1).scope);
                    if (!open.isEmpty()) {
                        Element parent = open.get(open.size() - 1);
                        e.inRdf = parent.inRdf || parent.is(NS_RDF, "RDF");
                    }
                    rdf |= e.is(NS_RDF, "RDF");
                    if (!open.isEmpty()) {
                        open.get(open.size() - 1).hasChildren = true;
                    } else if (!all.isEmpty()) {
                        throw malformed("second root element <" + e.qname + ">");
                    }
                    all.add(e);
                    if (!e.selfClosing) {
                        open.add(e);
                        if (open.size() > MAX_DEPTH) {
                            throw malformed("elements nest deeper than " + MAX_DEPTH);
                        }
                    }
                }
            }
            if (!open.isEmpty()) {
                throw malformed("element <" + open.get(open.size() - 1).qname + "> is never closed");
            }
            if (!rdf) {
                throw malformed("no rdf:RDF element, so not an XMP packet");
            }
            return all;
        }

        private Element startTag(Map<String, String> parentScope) throws MalformedImageException {
            Element e = new Element();
            e.start = p;
            p++;
            e.qname = name();
            List<String[]> raw = new ArrayList<>();
            List<int[]> where = new ArrayList<>();
            Map<String, String> scope = parentScope;
            while (true) {
                int before = p;
                skipSpace();
                if (p >= s.length()) {
                    throw malformed("start tag <" + e.qname + "> is not closed");
                }
                char c = s.charAt(p);
                if (c == '>' || s.startsWith("/>", p)) {
                    e.selfClosing = c == '/';
                    p += e.selfClosing ? 2 : 1;
                    break;
                }
                if (before == p) {
                    throw malformed("attributes of <" + e.qname + "> are not separated by spaces");
                }
                String name = name();
                skipSpace();
                expect('=');
                skipSpace();
                if (p >= s.length() || (s.charAt(p) != '"' && s.charAt(p) != '\'')) {
                    throw malformed("attribute " + name + " has no quoted value");
                }
                char q = s.charAt(p++);
                int end = s.indexOf(q, p);
                if (end < 0) {
                    throw malformed("attribute " + name + " value is not closed");
                }
                String value = s.substring(p, end);
                if (value.indexOf('<') >= 0) {
                    throw malformed("attribute " + name + " value holds '<'");
                }
                raw.add(new String[] {name, value});
                where.add(new int[] {before, p, end});
                p = end + 1;
                if (name.equals("xmlns") || name.startsWith("xmlns:")) {
                    if (scope == parentScope) {
                        scope = new HashMap<>(parentScope);
                    }
                    scope.put(name.equals("xmlns") ? "" : name.substring(6), unescape(value));
                }
            }
            e.scope = scope;
            e.startEnd = p;
            e.contentStart = p;
            String[] qn = resolve(e.qname, scope, true);
            e.ns = qn[0];
            e.local = qn[1];
            for (int i = 0; i < raw.size(); i++) {
                String name = raw.get(i)[0];
                if (name.equals("xmlns") || name.startsWith("xmlns:")) {
                    continue;
                }
                Attribute a = new Attribute();
                String[] an = resolve(name, scope, false);
                a.ns = an[0];
                a.local = an[1];
                a.start = where.get(i)[0];
                a.valueStart = where.get(i)[1];
                a.valueEnd = where.get(i)[2];
                e.attributes.add(a);
            }
            return e;
        }

        private String[] resolve(String qname, Map<String, String> scope, boolean element)
                throws MalformedImageException {
            int colon = qname.indexOf(':');
            if (colon < 0) {
                String ns = element ? scope.get("") : null;
                return new String[] {ns == null ? "" : ns, qname};
            }
            String ns = scope.get(qname.substring(0, colon));
            if (ns == null) {
                throw malformed("prefix of " + qname + " is not declared");
            }
            return new String[] {ns, qname.substring(colon + 1)};
        }

        private String name() throws MalformedImageException {
            int start = p;
            while (p < s.length()) {
                char c = s.charAt(p);
                if (Character.isWhitespace(c) || c == '/' || c == '>' || c == '=' || c == '<' || c == '"'
                        || c == '\'') {
                    break;
                }
                p++;
            }
            if (p == start) {
                throw malformed("expected a name");
            }
            return s.substring(start, p);
        }

        private void skipSpace() {
            while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
                p++;
            }
        }

        private void expect(char c) throws MalformedImageException {
            if (p >= s.length() || s.charAt(p) != c) {
                throw malformed("expected '" + c + "'");
            }
            p++;
        }

        private int after(String terminator, String what) throws MalformedImageException {
            int end = s.indexOf(terminator, p + 2);
            if (end < 0) {
                throw malformed(what + " is not closed");
            }
            return end + terminator.length();
        }
    }
}
