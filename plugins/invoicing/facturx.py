"""Factur-X / ZUGFeRD: the frozen PDF of an issued invoice as PDF/A-3b with its CII XML.

Built on request from the PDF frozen at issue (not a new rendering, so the page is the one
the client already has): pypdf embeds ``factur-x.xml`` (the EN 16931 CII of ``cii.py``)
with the relationship ``/Alternative`` and lists it in the catalog's ``/AF``, adds the
sRGB output intent WeasyPrint's own PDF/A output uses, and writes XMP metadata declaring
PDF/A-3B with the Factur-X extension schema (document type, file name, version 1.0,
conformance level EN 16931). Takes milliseconds, so it runs in the request.
"""

from __future__ import annotations

from datetime import UTC, datetime
from importlib.resources import files
from io import BytesIO
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

FILENAME = "factur-x.xml"
FX_NS = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#"
PRODUCER = "Kontora (WeasyPrint, pypdf)"
FX_PROPERTIES = (
    ("DocumentFileName", "The name of the embedded XML document"),
    ("DocumentType", "The type of the hybrid document in capital letters, e.g. INVOICE"),
    ("Version", "The version of the XML schema of the embedded document"),
    ("ConformanceLevel", "The conformance level of the embedded XML document"),
)


def facturx_pdf(pdf: bytes, xml: bytes, *, title: str) -> bytes:
    """``pdf`` with ``xml`` embedded as a Factur-X EN 16931 PDF/A-3b."""
    writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf)))
    writer.pdf_header = b"%PDF-1.7"
    now = datetime.now(UTC)
    _embed(writer, xml, now)
    _output_intent(writer)
    stamp = now.strftime("D:%Y%m%d%H%M%SZ")
    writer.metadata = {
        "/Title": title,
        "/Producer": PRODUCER,
        "/CreationDate": stamp,
        "/ModDate": stamp,
    }
    metadata = DecodedStreamObject()
    metadata.set_data(xmp(title, now))
    metadata.update(
        {NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")}
    )
    writer.root_object[NameObject("/Metadata")] = writer._add_object(metadata)
    writer.generate_file_identifiers()
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _embed(writer: PdfWriter, xml: bytes, now: datetime) -> None:
    embedded = writer.add_attachment(FILENAME, xml)
    embedded.subtype = NameObject("/text/xml")
    embedded.associated_file_relationship = NameObject("/Alternative")
    spec = embedded.pdf_object
    spec[NameObject("/UF")] = TextStringObject(FILENAME)
    spec[NameObject("/Desc")] = TextStringObject("Factur-X invoice (EN 16931)")
    stream = spec["/EF"]["/F"].get_object()
    stream[NameObject("/Params")] = DictionaryObject(
        {
            NameObject("/ModDate"): TextStringObject(now.strftime("D:%Y%m%d%H%M%SZ")),
            NameObject("/Size"): NumberObject(len(xml)),
        }
    )
    writer.root_object[NameObject("/AF")] = ArrayObject([spec.indirect_reference])


def _output_intent(writer: PdfWriter) -> None:
    profile = DecodedStreamObject()
    profile.set_data((files("weasyprint") / "pdf" / "sRGB2014.icc").read_bytes())
    profile[NameObject("/N")] = NumberObject(3)
    intent = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFA1"),
            NameObject("/OutputConditionIdentifier"): TextStringObject("sRGB IEC61966-2.1"),
            NameObject("/DestOutputProfile"): writer._add_object(profile),
        }
    )
    writer.root_object[NameObject("/OutputIntents")] = ArrayObject([writer._add_object(intent)])


def xmp(title: str, now: datetime) -> bytes:
    """The XMP packet: PDF/A-3B identification, Dublin Core title, producer, dates, and
    the Factur-X properties with their PDF/A extension schema."""
    stamp = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    properties = "".join(
        f'<rdf:li rdf:parseType="Resource"><pdfaProperty:name>{name}</pdfaProperty:name>'
        f"<pdfaProperty:valueType>Text</pdfaProperty:valueType>"
        f"<pdfaProperty:category>external</pdfaProperty:category>"
        f"<pdfaProperty:description>{text}</pdfaProperty:description></rdf:li>"
        for name, text in FX_PROPERTIES
    )
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<pdf:Producer>{PRODUCER}</pdf:Producer><xmp:CreateDate>{stamp}</xmp:CreateDate>
<xmp:ModifyDate>{stamp}</xmp:ModifyDate></rdf:Description>
<rdf:Description rdf:about="" xmlns:fx="{FX_NS}">
<fx:DocumentType>INVOICE</fx:DocumentType><fx:DocumentFileName>{FILENAME}</fx:DocumentFileName>
<fx:Version>1.0</fx:Version><fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>{FX_NS}</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>fx</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq>{properties}</rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode()
