import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { vnDateParts } from '../dossier-text';
import classes from './print.module.css';

export interface Signer {
  /** Who signs: "NGƯỜI TIẾP NHẬN HỒ SƠ". */
  title: string;
  /** A name printed under the space for the signature. */
  name?: string | null;
}

interface PrintLayoutProps {
  unitName: string;
  /** The form's number: the dossier code. */
  number?: string | null;
  title: string;
  /** The form's date (ISO instant); default now. */
  date?: string;
  children: ReactNode;
  signers: readonly Signer[];
  testId?: string;
}

/**
 * An administrative form on A4: the issuing unit and number on the left, the
 * national motto on the right, the date, the title, the body and the
 * signature block (Circular 03/2025/TT-VPCP, Appendix I).
 */
export function PrintLayout({ unitName, number, title, date, children, signers, testId }: PrintLayoutProps) {
  const { t } = useTranslation();
  const { day, month, year } = vnDateParts(date ?? new Date().toISOString());
  return (
    <article className={classes.sheet} data-testid={testId ?? 'print-sheet'} aria-label={title}>
      <header className={classes.header}>
        <div>
          <p className={classes.unit}>{unitName}</p>
          {number && <p>{t('print.number', { number })}</p>}
        </div>
        <div>
          <p className={classes.motto}>{t('print.motto')}</p>
          <p className={classes.mottoLine}>{t('print.mottoLine')}</p>
        </div>
      </header>
      <p className={classes.dateLine}>{t('print.dateLine', { day, month, year })}</p>
      <h2 className={classes.title}>{title}</h2>
      <div className={classes.body}>{children}</div>
      <div className={classes.signatures} style={{ gridTemplateColumns: `repeat(${String(signers.length)}, 1fr)` }}>
        {signers.map((signer) => (
          <div key={signer.title}>
            <p className={classes.signer}>{signer.title}</p>
            <p>
              <em>{t('print.signHint')}</em>
            </p>
            {signer.name && <p style={{ marginTop: '22mm' }}>{signer.name}</p>}
          </div>
        ))}
      </div>
    </article>
  );
}

export { classes as printClasses };
