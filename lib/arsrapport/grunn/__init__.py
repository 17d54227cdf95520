"""Grunnen: innstillingene og prosjektets stier (``config``), minnebruk (``minne``), kjøring av
underprosesser (``prosesser``) og id-leddene (``idledd``). Importerer ingenting annet fra
biblioteket."""
