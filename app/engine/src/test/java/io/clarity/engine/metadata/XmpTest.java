package io.clarity.engine.metadata;

import org.junit.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

public class XmpTest {
    /** A Lightroom-like packet: properties as attributes and as elements, unusual prefixes, a wrapper. */
    static final String CAMERA = "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
            + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
            + " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
            + "  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\""
            + " xmlns:t=\"http://ns.adobe.com/tiff/1.0/\" xmlns:exif=\"http://ns.adobe.com/exif/1.0/\""
            + " xmlns:crs=\"http://ns.adobe.com/camera-raw-settings/1.0/\""
            + " xmp:Rating=\"4\" t:Orientation=\"6\" t:ImageWidth=\"4000\" t:ImageLength=\"3000\""
            + " crs:HasCrop=\"True\" crs:CropTop=\"0.1\" crs:CropLeft=\"0.2\" crs:CropBottom=\"0.9\" crs:CropRight=\"0.8\">\n"
            + "   <exif:PixelXDimension>4000</exif:PixelXDimension>\n"
            + "   <exif:PixelYDimension>3000</exif:PixelYDimension>\n"
            + "   <dc:description xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><rdf:Alt>"
            + "<rdf:li xml:lang=\"x-default\">Sunset &amp; sea</rdf:li></rdf:Alt></dc:description>\n"
            + "  </rdf:Description>\n"
            + " </rdf:RDF>\n"
            + "</x:xmpmeta>\n"
            + "<?xpacket end=\"w\"?>";

    @Test
    public void propertiesAreFoundByNamespaceAsAttributesOrElements() throws Exception {
        Xmp x = Xmp.parse(CAMERA);
        assertEquals("6", x.value(Xmp.NS_TIFF, "Orientation"));
        assertEquals("4000", x.value(Xmp.NS_EXIF, "PixelXDimension"));
        assertEquals("Sunset & sea", x.value("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "li"));
        assertNull(x.value(Xmp.NS_TIFF, "Make"));
    }

    @Test
    public void outputPacketDescribesTheUprightPixelsAndKeepsTheRest() throws Exception {
        List<String> dropped = new ArrayList<>();
        Xmp out = Xmp.parse(CAMERA).forOutput(6000, 8000, true, dropped);
        assertEquals("1", out.value(Xmp.NS_TIFF, "Orientation"));
        assertEquals("6000", out.value(Xmp.NS_TIFF, "ImageWidth"));
        assertEquals("8000", out.value(Xmp.NS_TIFF, "ImageLength"));
        assertEquals("6000", out.value(Xmp.NS_EXIF, "PixelXDimension"));
        assertEquals("8000", out.value(Xmp.NS_EXIF, "PixelYDimension"));
        assertEquals("4", out.value("http://ns.adobe.com/xap/1.0/", "Rating"));
        assertFalse(out.has(Xmp.NS_CRS, "CropTop"));
        assertFalse(out.has(Xmp.NS_CRS, "HasCrop"));
        assertTrue(dropped.toString(), dropped.get(0).contains("crop"));
        assertTrue(out.text().startsWith("<?xpacket begin="));
        assertTrue(out.text().contains("Sunset &amp; sea"));
    }

    @Test
    public void cropOfAnUnturnedPhotoIsKept() throws Exception {
        List<String> dropped = new ArrayList<>();
        Xmp out = Xmp.parse(CAMERA).forOutput(8000, 6000, false, dropped);
        assertEquals("0.1", out.value(Xmp.NS_CRS, "CropTop"));
        assertTrue(dropped.isEmpty());
    }

    @Test
    public void extendedPacketMergesIntoTheMainOne() throws Exception {
        Xmp main = Xmp.parse("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"" + Xmp.NS_RDF + "\">"
                + "<rdf:Description rdf:about=\"\" xmlns:xmpNote=\"" + Xmp.NS_XMP_NOTE + "\""
                + " xmpNote:HasExtendedXMP=\"0123456789ABCDEF0123456789ABCDEF\"/></rdf:RDF></x:xmpmeta>");
        Xmp extended = Xmp.parse("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"" + Xmp.NS_RDF
                + "\"><rdf:Description rdf:about=\"\" xmlns:p=\"urn:test\" p:Big=\"yes\"/></rdf:RDF></x:xmpmeta>");
        Xmp merged = main.merge(extended);
        assertEquals("yes", merged.value("urn:test", "Big"));
        assertFalse(merged.has(Xmp.NS_XMP_NOTE, "HasExtendedXMP"));
    }

    @Test
    public void descriptionIsAddedWhereThePacketHasNone() throws Exception {
        Xmp bare = Xmp.parse("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"" + Xmp.NS_RDF
                + "\"/></x:xmpmeta>");
        Xmp x = bare.withDescription("xmlns:p=\"urn:test\" p:A=\"1\"", "<p:B>2</p:B>");
        assertEquals("1", x.value("urn:test", "A"));
        assertEquals("2", x.value("urn:test", "B"));
        // A namespace the description already declares is not declared twice.
        Xmp again = x.withDescription("xmlns:p=\"urn:test\" p:C=\"3\"", "");
        assertEquals(1, again.text().split("xmlns:p=", -1).length - 1);
        assertEquals("3", again.value("urn:test", "C"));
    }

    @Test
    public void nestedPropertyGoesWithTheOneRemoved() throws Exception {
        Xmp x = Xmp.parse(XmpTest.CAMERA.replace("</rdf:Description>", "<exif:Flash rdf:parseType=\"Resource\">"
                + "<exif:Fired>False</exif:Fired></exif:Flash></rdf:Description>"));
        Xmp without = x.without(Xmp.NS_EXIF, "Flash").without(Xmp.NS_EXIF, "Fired");
        assertFalse(without.has(Xmp.NS_EXIF, "Flash"));
        assertEquals("4000", without.value(Xmp.NS_EXIF, "PixelXDimension"));
        Xmp both = x.without(Xmp.NS_EXIF, "Fired").without(Xmp.NS_EXIF, "Flash");
        assertEquals(without.text(), both.text());
    }

    @Test
    public void malformedPacketsAreRejectedWithTheReason() {
        assertMalformed("<!DOCTYPE x [<!ENTITY a \"b\">]><x/>", "DOCTYPE");
        assertMalformed("<rdf:RDF xmlns:rdf=\"" + Xmp.NS_RDF + "\">", "never closed");
        assertMalformed("<rdf:RDF xmlns:rdf=\"" + Xmp.NS_RDF + "\"><a:b/></rdf:RDF>", "not declared");
        assertMalformed("<rdf:RDF xmlns:rdf=\"" + Xmp.NS_RDF + "\"></rdf:Seq>", "does not close");
        assertMalformed("<x xmlns:y=\"u\" y:a=\"1\"y:b=\"2\"/>", "not separated");
        assertMalformed("<x/>", "no rdf:RDF");
        assertMalformed("<rdf:RDF xmlns:rdf=\"" + Xmp.NS_RDF + "\"/><x/>", "second root");
    }

    private static void assertMalformed(String text, String part) {
        try {
            Xmp.parse(text);
            fail("accepted " + text);
        } catch (MalformedImageException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(part));
        }
    }
}
