import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lookupUrl } from '../dossier-text';
import { printClasses } from './PrintLayout';

/** The lookup secret with a QR code of the public lookup page (code and secret in the fragment). */
export function LookupQr({ code, secret }: { code: string; secret: string }) {
  const { t } = useTranslation();
  const url = lookupUrl(window.location.origin, code, secret);
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((markup) => {
      if (live) setSvg(markup);
    });
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <div className={printClasses.lookup} data-testid="lookup-box">
      {svg && <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={t('print.qrAlt')} />}
      <div>
        <p>{t('print.lookupHint', { url: `${window.location.origin}/tra-cuu` })}</p>
        <p>
          {t('print.lookupCode')}: <strong>{code}</strong>
        </p>
        <p>
          {t('print.lookupSecret')}: <span className={printClasses.secret} data-testid="lookup-secret">{secret}</span>
        </p>
      </div>
    </div>
  );
}
